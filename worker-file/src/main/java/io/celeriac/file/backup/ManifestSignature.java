package io.celeriac.file.backup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code manifest.sig}: one line, {@code hmac-sha256 <key id> <hex mac>}, the HMAC-SHA256 of
 * {@code manifest.json}'s exact bytes under a {@link ManifestKeys} key. The manifest holds every
 * part's SHA-256 and size, so the signature covers the whole archive: changing a part without the
 * manifest breaks a checksum, changing the manifest too breaks the signature. The key id (the first
 * 8 bytes of the key's SHA-256) names which key signed, without revealing it.
 */
public final class ManifestSignature {
    static final String PART = "manifest.sig";
    private static final String ALGORITHM = "hmac-sha256";

    /** Outcome of checking an archive's signature. */
    public enum Status {
        /** Signed, and the signature matches under a configured key. */
        VALID,
        /** No manifest.sig: the checksums show the archive intact, not that nobody altered it. */
        UNSIGNED,
        /** Signed, but no key is configured here to check it. */
        NOT_CHECKED,
        /** Signed with a key that is not configured here (the current one or a previous one). */
        OTHER_KEY,
        /** The signature does not match: manifest or signature altered after writing. */
        INVALID,
        /** manifest.sig is not a signature this version writes. */
        UNREADABLE
    }

    private ManifestSignature() {
    }

    static byte[] sign(byte[] manifest, byte[] key) {
        return (ALGORITHM + " " + keyId(key) + " " + HexFormat.of().formatHex(mac(manifest, key)) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** @param signature the part's bytes, or null when the archive has none */
    static Status check(byte[] manifest, byte[] signature, ManifestKeys keys) {
        if (signature == null) {
            return Status.UNSIGNED;
        }
        String[] fields = new String(signature, StandardCharsets.US_ASCII).strip().split(" ");
        if (fields.length != 3 || !ALGORITHM.equals(fields[0]) || !fields[2].matches("[0-9a-f]{64}")) {
            return Status.UNREADABLE;
        }
        if (keys.accepted().isEmpty()) {
            return Status.NOT_CHECKED;
        }
        byte[] claimed = HexFormat.of().parseHex(fields[2]);
        for (byte[] key : keys.accepted()) {
            if (keyId(key).equals(fields[1])) {
                return MessageDigest.isEqual(mac(manifest, key), claimed) ? Status.VALID : Status.INVALID;
            }
        }
        return Status.OTHER_KEY;
    }

    private static byte[] mac(byte[] data, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static String keyId(byte[] key) {
        return HexFormat.of().formatHex(PartStream.sha256().digest(key), 0, 8);
    }
}
