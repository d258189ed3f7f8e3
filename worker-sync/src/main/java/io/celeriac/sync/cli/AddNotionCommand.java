package io.celeriac.sync.cli;

import io.celeriac.core.cli.ExitCodes;
import io.celeriac.db.Database;
import io.celeriac.sync.db.SourceCatalog;
import io.celeriac.sync.secret.SecretKeys;
import io.celeriac.sync.secret.StoredToken;
import io.celeriac.sync.secret.TokenVault;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sync sources add-notion}: a user's Notion integration. The token is read from a variable,
 * a file or standard input, and stored sealed under {@code CELERIAC_SECRET_KEY}; without a key
 * only {@code --allow-plaintext} stores it. Adding the same token again is reported, not duplicated.
 */
@Command(name = "add-notion", mixinStandardHelpOptions = true,
        description = {"Add a Notion integration to a user's sources; its token is stored encrypted with CELERIAC_SECRET_KEY.",
                "The token is read from --token-env, --token-file, or else standard input "
                        + "(e.g. pass show notion/ada | celeriac sync sources add-notion --user 1), never from an argument."})
final class AddNotionCommand extends SourcesSubcommand {
    @Option(names = "--user", required = true, paramLabel = "ID", description = "The user the integration belongs to.")
    long user;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "", description = "Shown in the daily summary and in list. Default: none.")
    String name;

    @Option(names = "--token-env", paramLabel = "VAR", description = "Read the token from this environment variable.")
    String tokenEnv;

    @Option(names = "--token-file", paramLabel = "PATH", description = "Read the token from this file (surrounding whitespace ignored).")
    Path tokenFile;

    @Option(names = "--secret-key-file", paramLabel = "FILE",
            description = "File holding the key (base64, 32 bytes). Env: CELERIAC_SECRET_KEY, then CELERIAC_SECRET_KEY_FILE.")
    Path secretKeyFile;

    @Option(names = "--allow-plaintext", description = "Without a key, store the token unencrypted (it is encrypted by the next sync that has a key).")
    boolean allowPlaintext;

    @Override
    int run(SourceCatalog catalog, Database database, PrintWriter out) {
        String label = checkName(name);
        TokenVault vault = new TokenVault(SecretKeys.resolve(secretKeyFile, System.getenv(), new SecureRandom()).orElse(null));
        vault.checkCanStore(allowPlaintext);
        requireUser(catalog, user);
        String token = NotionTokenInput.read(tokenEnv, tokenFile, System.getenv(), System.in);
        StoredToken stored = vault.store(token, allowPlaintext);
        SourceCatalog.Added added = catalog.addNotion(user, label, stored);
        if (!added.created()) {
            out.println("exists: user " + user + " already has this token (" + stored.hint() + ") as notion source "
                    + added.id() + "; nothing added");
            return ExitCodes.OK;
        }
        out.println("added notion source " + added.id() + " for user " + user + " (token " + stored.hint() + ", "
                + (vault.hasKey() ? "encrypted" : "NOT encrypted: no CELERIAC_SECRET_KEY") + ")");
        out.println("sync it now: celeriac sync run --user " + user + " --notion");
        return ExitCodes.OK;
    }
}
