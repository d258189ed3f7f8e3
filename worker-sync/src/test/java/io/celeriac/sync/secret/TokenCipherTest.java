package io.celeriac.sync.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenCipherTest {
    private static final String TOKEN = "secret_4bQxZ2mN8pLr7tYvW1sKdE9fGhJcUo3iA5nB6yT0ab12";

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        new SplittableRandom(seed).nextBytes(key);
        return key;
    }

    private final TokenCipher cipher = new TokenCipher(key(1), new SecureRandom());

    @Test
    void a_sealed_token_opens_to_itself_and_holds_no_trace_of_it() {
        String sealed = cipher.seal(TOKEN);

        assertTrue(sealed.startsWith("v1:"));
        assertFalse(sealed.contains("secret_"));
        assertEquals(12 + TOKEN.length() + 16, Base64.getDecoder().decode(sealed.substring(3)).length,
                "nonce, ciphertext of the token's length, 16-byte tag");
        assertEquals(TOKEN, cipher.open(sealed));
    }

    @Test
    void during_a_rotation_values_sealed_under_the_previous_key_open_and_say_so() {
        String old = cipher.seal(TOKEN);
        TokenCipher rotated = new TokenCipher(key(2), List.of(key(1)), new SecureRandom());

        assertEquals(new TokenCipher.Opened(TOKEN, true), rotated.openWithKey(old));
        String resealed = rotated.seal(TOKEN);
        assertEquals(new TokenCipher.Opened(TOKEN, false), rotated.openWithKey(resealed));
        assertThrows(TokenUnreadableException.class, () -> cipher.open(resealed), "the old key alone cannot read it");
        assertThrows(TokenUnreadableException.class, () -> new TokenCipher(key(3), List.of(key(4)), new SecureRandom()).open(old));
    }

    @Test
    void every_sealing_uses_a_fresh_nonce() {
        assertNotEquals(cipher.seal(TOKEN), cipher.seal(TOKEN));
    }

    @Test
    void another_key_cannot_open_it() {
        String sealed = cipher.seal(TOKEN);

        TokenUnreadableException e = assertThrows(TokenUnreadableException.class,
                () -> new TokenCipher(key(2), new SecureRandom()).open(sealed));
        assertTrue(e.getMessage().contains("CELERIAC_SECRET_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains(sealed.substring(3, 12)), "the value is not repeated");
    }

    @Test
    void any_altered_byte_is_detected() {
        byte[] raw = Base64.getDecoder().decode(cipher.seal(TOKEN).substring(3));
        for (int i : new int[] {0, 11, 12, raw.length - 1}) {
            byte[] altered = raw.clone();
            altered[i] ^= 0x01;
            String value = "v1:" + Base64.getEncoder().encodeToString(altered);
            assertThrows(TokenUnreadableException.class, () -> cipher.open(value), "byte " + i);
        }
        assertThrows(TokenUnreadableException.class, () -> cipher.open("v1:not base64!"));
        assertThrows(TokenUnreadableException.class, () -> cipher.open("v1:AAAA"));
    }

    @Test
    void a_legacy_plaintext_value_opens_as_it_is() {
        assertFalse(TokenCipher.isSealed(TOKEN));
        assertEquals(TOKEN, cipher.open(TOKEN));
    }

    @Test
    void only_a_32_byte_key_is_accepted() {
        assertThrows(IllegalArgumentException.class, () -> new TokenCipher(new byte[16], new SecureRandom()));
    }
}
