package io.celeriac.sync.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a token with AES-256-GCM: {@code v1:} + base64(nonce || ciphertext || tag), a fresh
 * 12-byte nonce per token. GCM authenticates, so a wrong key and an altered value both fail to
 * open instead of yielding garbage that would then be sent to Notion. A value without the prefix
 * is a token stored before encryption existed and opens as itself.
 */
public final class TokenCipher {
    /** Marks a sealed value; the version lets a later format (another key, another cipher) coexist. */
    public static final String PREFIX = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final List<SecretKeySpec> previous;
    private final SecureRandom random;

    /** @param key exactly 32 bytes (AES-256) */
    public TokenCipher(byte[] key, SecureRandom random) {
        this(key, List.of(), random);
    }

    /**
     * @param key      the key new values are sealed with (32 bytes)
     * @param previous keys of a rotation in progress: values sealed under them still open, and
     *                 {@link #open} says so, so they can be sealed again under {@code key}
     */
    public TokenCipher(byte[] key, List<byte[]> previous, SecureRandom random) {
        this.key = spec(key);
        this.previous = previous.stream().map(TokenCipher::spec).toList();
        this.random = random;
    }

    private static SecretKeySpec spec(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key is " + KEY_BYTES + " bytes, got " + key.length);
        }
        return new SecretKeySpec(key.clone(), "AES");
    }

    /** A token opened, and whether it was sealed under a previous key (so it should be sealed again). */
    public record Opened(String token, boolean underPreviousKey) {
    }

    /** Whether {@code stored} is a sealed value (else a legacy plaintext token). */
    public static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    public String seal(String token) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            // AES/GCM is mandatory in every JDK: failing here is a broken runtime, not bad input
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }

    /**
     * The token inside {@code stored}; a legacy plaintext value is returned as it is.
     *
     * @throws TokenUnreadableException when the value was sealed under another key or altered
     */
    public String open(String stored) {
        return openWithKey(stored).token();
    }

    /** {@link #open}, saying which key opened it; a legacy plaintext value counts as current. */
    public Opened openWithKey(String stored) {
        if (!isSealed(stored)) {
            return new Opened(stored, false);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new TokenUnreadableException("the stored token is not valid base64 after its v1: prefix (altered?)");
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new TokenUnreadableException("the stored token is too short to be a sealed value (altered?)");
        }
        String token = decrypt(key, raw);
        if (token != null) {
            return new Opened(token, false);
        }
        for (SecretKeySpec old : previous) {
            token = decrypt(old, raw);
            if (token != null) {
                return new Opened(token, true);
            }
        }
        throw new TokenUnreadableException("the stored token cannot be decrypted with CELERIAC_SECRET_KEY "
                + (previous.isEmpty() ? "" : "or CELERIAC_SECRET_KEY_PREVIOUS ")
                + "(sealed under another key, or altered); restore that key or add the integration again");
    }

    /** The plaintext, or null when {@code key} did not seal {@code raw} (or it was altered). */
    private static String decrypt(SecretKeySpec key, byte[] raw) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(raw, NONCE_BYTES)));
            byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }
}
