package io.celeriac.sync.cli;

import io.celeriac.sync.InvalidSourceException;
import io.celeriac.sync.secret.TokenCipher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@code add-notion} reads the token from: a named environment variable, a file, or
 * standard input. Never a flag's value, which shell history and {@code ps} would keep. Error
 * messages name the source, never the token.
 */
final class NotionTokenInput {
    /** Notion tokens are ~50 characters; anything near this is not a token. */
    private static final int MAX_BYTES = 4096;

    private NotionTokenInput() {
    }

    /**
     * @param envVar the variable holding the token, or null
     * @param file   the file holding the token, or null
     * @param stdin  read when neither is given
     */
    static String read(String envVar, Path file, Map<String, String> env, InputStream stdin) {
        if (envVar != null && file != null) {
            throw new InvalidSourceException("token", "give --token-env or --token-file, not both");
        }
        if (envVar != null) {
            String value = env.get(envVar);
            if (value == null || value.isBlank()) {
                throw new InvalidSourceException("token", "environment variable " + envVar + " is not set or empty");
            }
            return check(value, "environment variable " + envVar);
        }
        if (file != null) {
            return check(readFile(file), "file " + file);
        }
        return check(readStdin(stdin), "standard input");
    }

    private static String readFile(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidSourceException("token", "file " + file + " is too large to hold a token");
            }
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidSourceException("token", "no file " + file);
        } catch (IOException e) {
            throw new InvalidSourceException("token", "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String readStdin(InputStream stdin) {
        try {
            byte[] bytes = stdin.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new InvalidSourceException("token", "standard input is too large to hold a token");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One printable ASCII word: anything else would not survive an Authorization header. */
    private static String check(String raw, String source) {
        String token = raw.strip();
        if (token.isEmpty()) {
            throw new InvalidSourceException("token", source + " is empty; pass --token-env VAR or --token-file PATH, "
                    + "or pipe the token on standard input");
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidSourceException("token", source + " holds more than one printable word; expected one Notion token");
        }
        if (TokenCipher.isSealed(token)) {
            throw new InvalidSourceException("token", source + " holds an encrypted value (v1:...), not a Notion token");
        }
        return token;
    }
}
