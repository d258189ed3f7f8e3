package io.celeriac.file.backup;

import io.celeriac.core.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys manifests are signed and checked with, from the secret key worker-sync seals Notion
 * tokens with: {@code CELERIAC_SECRET_KEY} (base64 of 32 bytes), else the file named by
 * {@code CELERIAC_SECRET_KEY_FILE}, plus {@code CELERIAC_SECRET_KEY_PREVIOUS} (comma-separated)
 * during a rotation, so archives signed before it still check. The signing key is derived from
 * the secret key (HMAC-SHA256 of a fixed label), so the same secret never keys two algorithms.
 * A key that is present but malformed is a configuration error, never silently "unsigned".
 *
 * @param current  signs new manifests; null when no key is configured
 * @param accepted current and previous, each as a derived signing key
 */
public record ManifestKeys(byte[] current, List<byte[]> accepted) {
    public static final String ENV = "CELERIAC_SECRET_KEY";
    public static final String FILE_ENV = "CELERIAC_SECRET_KEY_FILE";
    public static final String PREVIOUS_ENV = "CELERIAC_SECRET_KEY_PREVIOUS";
    private static final String HOW = "base64 of 32 random bytes (generate one: openssl rand -base64 32)";
    private static final byte[] LABEL = "celeriac backup manifest v1".getBytes(StandardCharsets.US_ASCII);

    public static final ManifestKeys NONE = new ManifestKeys(null, List.of());

    public ManifestKeys {
        accepted = List.copyOf(accepted);
    }

    public static ManifestKeys from(Map<String, String> env) {
        List<byte[]> accepted = new ArrayList<>();
        byte[] current = null;
        String value = env.get(ENV);
        String file = env.get(FILE_ENV);
        if (value != null && !value.isBlank()) {
            current = derive(decode(value, ENV));
        } else if (file != null && !file.isBlank()) {
            current = derive(decode(read(Path.of(file)), FILE_ENV));
        }
        if (current != null) {
            accepted.add(current);
        }
        String previous = env.get(PREVIOUS_ENV);
        if (previous != null) {
            for (String part : previous.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    accepted.add(derive(decode(part, PREVIOUS_ENV)));
                }
            }
        }
        return new ManifestKeys(current, accepted);
    }

    public boolean canSign() {
        return current != null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(FILE_ENV + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] decode(String text, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + " is not base64; it must be " + HOW); // never echo a secret
        }
        if (key.length != 32) {
            throw new ConfigException(source + " decodes to " + key.length + " bytes; it must be " + HOW);
        }
        return key;
    }

    private static byte[] derive(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(LABEL);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
