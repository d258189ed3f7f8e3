package io.celeriac.sync.secret;

import io.celeriac.core.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the key tokens are sealed with: a file given on the command line, else
 * {@code CELERIAC_SECRET_KEY} (base64 of 32 bytes, e.g. {@code openssl rand -base64 32}), else
 * the file named by {@code CELERIAC_SECRET_KEY_FILE} (for Docker/Kubernetes secrets). None of
 * them: no key, which {@link TokenVault} turns into its plaintext policy. A key that is present
 * but malformed is a configuration error, never silently "no key".
 */
public final class SecretKeys {
    public static final String ENV = "CELERIAC_SECRET_KEY";
    public static final String FILE_ENV = "CELERIAC_SECRET_KEY_FILE";
    /** During a key rotation: the old key(s), comma-separated, still accepted to read tokens. */
    public static final String PREVIOUS_ENV = "CELERIAC_SECRET_KEY_PREVIOUS";
    private static final String HOW = "base64 of 32 random bytes (generate one: openssl rand -base64 32)";

    private SecretKeys() {
    }

    /** From the environment only (workers). */
    public static TokenVault vault(Map<String, String> env) {
        return new TokenVault(resolve(null, env, new SecureRandom()).orElse(null));
    }

    /**
     * @param file a key file given as a flag, or null
     * @throws ConfigException when the chosen source is unreadable or not a 32-byte base64 key
     */
    public static Optional<TokenCipher> resolve(Path file, Map<String, String> env, SecureRandom random) {
        List<byte[]> previous = previous(env);
        if (file != null) {
            return Optional.of(new TokenCipher(key(read(file, "--secret-key-file"), "--secret-key-file"), previous, random));
        }
        String value = env.get(ENV);
        if (value != null && !value.isBlank()) {
            return Optional.of(new TokenCipher(key(value, ENV), previous, random));
        }
        String path = env.get(FILE_ENV);
        if (path != null && !path.isBlank()) {
            return Optional.of(new TokenCipher(key(read(Path.of(path), FILE_ENV), FILE_ENV), previous, random));
        }
        if (!previous.isEmpty()) {
            throw new ConfigException(PREVIOUS_ENV + " is set but no current key is: a rotation needs the new key in "
                    + ENV + " (or " + FILE_ENV + ") and the old one in " + PREVIOUS_ENV);
        }
        return Optional.empty();
    }

    private static List<byte[]> previous(Map<String, String> env) {
        String value = env.get(PREVIOUS_ENV);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<byte[]> keys = new ArrayList<>();
        for (String part : value.split("[,\\s]+")) {
            if (!part.isBlank()) {
                keys.add(key(part, PREVIOUS_ENV));
            }
        }
        return keys;
    }

    private static String read(Path file, String source) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] key(String text, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            // the value is a secret: say what is wrong with it, never what it is
            throw new ConfigException(source + " is not base64; it must be " + HOW);
        }
        if (key.length != 32) {
            throw new ConfigException(source + " decodes to " + key.length + " bytes; it must be " + HOW);
        }
        return key;
    }
}
