package io.celeriac.sync.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy around the cipher: where the key comes from, what happens without one, the stored facts. */
class TokenVaultTest {
    private static final String TOKEN = "ntn_9f8e7d6c5b4a39281706ab12";
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dir;

    @Test
    void the_key_comes_from_the_flag_file_then_the_variable_then_the_variable_naming_a_file() throws Exception {
        Path file = Files.writeString(dir.resolve("key"), KEY + "\n");

        assertTrue(SecretKeys.resolve(file, Map.of(), new SecureRandom()).isPresent());
        assertTrue(SecretKeys.resolve(null, Map.of("CELERIAC_SECRET_KEY", KEY), new SecureRandom()).isPresent());
        assertTrue(SecretKeys.resolve(null, Map.of("CELERIAC_SECRET_KEY_FILE", file.toString()), new SecureRandom()).isPresent());
        assertEquals(Optional.empty(), SecretKeys.resolve(null, Map.of("CELERIAC_SECRET_KEY", " "), new SecureRandom()));
    }

    @Test
    void a_rotation_reads_tokens_under_the_previous_key_and_upgrades_them_to_the_current_one() {
        String oldKey = Base64.getEncoder().encodeToString(new byte[32]);
        byte[] fresh = new byte[32];
        fresh[0] = 7;
        String newKey = Base64.getEncoder().encodeToString(fresh);
        String underOld = SecretKeys.vault(Map.of("CELERIAC_SECRET_KEY", oldKey)).store(TOKEN, false).value();

        TokenVault rotating = SecretKeys.vault(Map.of("CELERIAC_SECRET_KEY", newKey, "CELERIAC_SECRET_KEY_PREVIOUS", oldKey));
        assertEquals(TOKEN, rotating.reveal(underOld));
        String upgraded = rotating.upgrade(underOld).orElseThrow();
        TokenVault newOnly = SecretKeys.vault(Map.of("CELERIAC_SECRET_KEY", newKey));
        assertEquals(TOKEN, newOnly.reveal(upgraded), "readable once the previous key is gone");
        assertEquals(Optional.empty(), rotating.upgrade(upgraded), "already under the current key");

        ConfigException noCurrent = assertThrows(ConfigException.class,
                () -> SecretKeys.vault(Map.of("CELERIAC_SECRET_KEY_PREVIOUS", oldKey)));
        assertTrue(noCurrent.getMessage().contains("no current key"), noCurrent.getMessage());
    }

    @Test
    void a_malformed_key_is_a_configuration_error_that_does_not_repeat_it() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        ConfigException tooShort = assertThrows(ConfigException.class,
                () -> SecretKeys.vault(Map.of("CELERIAC_SECRET_KEY", shortKey)));
        assertEquals("CELERIAC_SECRET_KEY decodes to 16 bytes; it must be base64 of 32 random bytes "
                + "(generate one: openssl rand -base64 32)", tooShort.getMessage());
        ConfigException notBase64 = assertThrows(ConfigException.class,
                () -> SecretKeys.vault(Map.of("CELERIAC_SECRET_KEY", "hunter2!")));
        assertFalse(notBase64.getMessage().contains("hunter2"));
        assertThrows(ConfigException.class, () -> SecretKeys.vault(Map.of("CELERIAC_SECRET_KEY_FILE", dir.resolve("none").toString())));
    }

    @Test
    void with_a_key_tokens_are_stored_sealed_with_their_fingerprint_and_hint() {
        TokenVault vault = SecretKeys.vault(Map.of("CELERIAC_SECRET_KEY", KEY));

        StoredToken stored = vault.store(TOKEN, false);

        assertTrue(stored.value().startsWith("v1:"));
        assertEquals(TOKEN, vault.reveal(stored.value()));
        assertEquals(64, stored.fingerprint().length());
        assertEquals(StoredToken.fingerprint(TOKEN), stored.fingerprint(), "the same for every sealing");
        assertEquals("ntn_…ab12", stored.hint());
        assertFalse(stored.toString().contains(TOKEN));
    }

    @Test
    void without_a_key_storing_needs_consent_and_sealed_values_cannot_be_read() {
        TokenVault none = SecretKeys.vault(Map.of());
        String sealed = SecretKeys.vault(Map.of("CELERIAC_SECRET_KEY", KEY)).store(TOKEN, false).value();

        SecretKeyMissingException refused = assertThrows(SecretKeyMissingException.class, () -> none.store(TOKEN, false));
        assertTrue(refused.getMessage().contains("CELERIAC_SECRET_KEY") && refused.getMessage().contains("--allow-plaintext"));
        assertEquals(TOKEN, none.store(TOKEN, true).value());
        assertEquals(TOKEN, none.reveal(TOKEN));
        assertThrows(SecretKeyMissingException.class, () -> none.reveal(sealed));
        assertEquals(Optional.empty(), none.upgrade(TOKEN));
    }

    @Test
    void with_a_key_a_legacy_plaintext_value_is_upgraded_and_a_sealed_one_is_left_alone() {
        TokenVault vault = SecretKeys.vault(Map.of("CELERIAC_SECRET_KEY", KEY));

        String upgraded = vault.upgrade(TOKEN).orElseThrow();

        assertEquals(TOKEN, vault.reveal(upgraded));
        assertEquals(Optional.empty(), vault.upgrade(upgraded));
    }

    @Test
    void short_tokens_show_no_characters_and_unknown_kinds_show_only_the_last_four() {
        assertEquals("…", StoredToken.hint("secret_abc"));
        assertEquals("…wxyz", StoredToken.hint("ABCDEFGHIJKLMNOPqrstuvwxyz"));
    }
}
