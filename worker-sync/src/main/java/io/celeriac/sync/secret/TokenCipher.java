package io.celeriac.sync.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
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
    private final SecureRandom random;

    /** @param key exactly 32 bytes (AES-256) */
    public TokenCipher(byte[] key, SecureRandom random) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key is " + KEY_BYTES + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.random = random;
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
        if (!isSealed(stored)) {
            return stored;
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
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(raw, NONCE_BYTES)));
            byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new TokenUnreadableException("the stored token cannot be decrypted with CELERIAC_SECRET_KEY "
                    + "(sealed under another key, or altered); restore that key or add the integration again");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }
}
