package io.celeriac.sync.cli;

import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.db.Database;
import io.celeriac.db.DatabaseSettings;
import io.celeriac.sync.InvalidSourceException;
import io.celeriac.sync.SyncException;
import io.celeriac.sync.db.SourceCatalog;
import io.celeriac.sync.secret.SecretKeyMissingException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code sync sources} subcommand shares: the database (migrated first, so a fresh
 * one works), and errors mapped to exit codes like {@code celeriac ai}: bad input, an unknown id
 * or a missing key exit 2 with the field named; anything else exits 1.
 */
abstract class SourcesSubcommand implements Callable<Integer> {
    /** One command, one query at a time. */
    private static final int POOL_SIZE = 2;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = new Database(DatabaseSettings.url(connection.settings()), "public", POOL_SIZE)) {
            database.migrate();
            return run(new SourceCatalog(database), database, out);
        } catch (InvalidSourceException | SecretKeyMissingException e) {
            spec.commandLine().getErr().println("celeriac: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (SyncException e) {
            spec.commandLine().getErr().println("celeriac: " + e.getMessage());
            return ExitCodes.FAILURE;
        } finally {
            out.flush();
        }
    }

    abstract int run(SourceCatalog catalog, Database database, PrintWriter out);

    static void requireUser(SourceCatalog catalog, long userId) {
        if (!catalog.userExists(userId)) {
            throw new InvalidSourceException("user", "no user with id " + userId);
        }
    }

    /** A display name: optional, one line, short enough for a table. */
    static String checkName(String name) {
        String text = name == null ? "" : name.strip();
        if (text.length() > 200 || text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidSourceException("name", "must be one line of at most 200 characters");
        }
        return text;
    }
}
