package io.celeriac.sync.secret;

import java.util.Optional;

/**
 * The at-rest policy for Notion tokens. With a key: tokens are stored sealed, and legacy
 * plaintext rows, or rows sealed under a previous key during a rotation, are sealed again when
 * next read. Without one: storing needs the operator's explicit
 * consent (plaintext), and sealed rows cannot be read.
 */
public final class TokenVault {
    private final TokenCipher cipher;

    /** @param cipher null when no key is configured */
    public TokenVault(TokenCipher cipher) {
        this.cipher = cipher;
    }

    public boolean hasKey() {
        return cipher != null;
    }

    /**
     * The row to write for {@code token}: sealed when a key is configured, else plaintext if
     * {@code allowPlaintext}.
     *
     * @throws SecretKeyMissingException without a key and without consent to plaintext
     */
    public StoredToken store(String token, boolean allowPlaintext) {
        checkCanStore(allowPlaintext);
        if (TokenCipher.isSealed(token)) {
            throw new IllegalArgumentException("a token cannot start with " + TokenCipher.PREFIX);
        }
        return StoredToken.of(token, cipher != null ? cipher.seal(token) : token);
    }

    /** Fails as {@link #store} would, before anyone is asked for a token. */
    public void checkCanStore(boolean allowPlaintext) {
        if (cipher == null && !allowPlaintext) {
            throw new SecretKeyMissingException("token: no " + SecretKeys.ENV + " is set, and Notion tokens are stored "
                    + "encrypted with it (generate one: openssl rand -base64 32, and give the same key to the sync "
                    + "workers); or pass --allow-plaintext to store this token unencrypted");
        }
    }

    /**
     * The token a stored value holds.
     *
     * @throws SecretKeyMissingException  the value is sealed and this process has no key
     * @throws TokenUnreadableException   the value is sealed under another key, or altered
     */
    public String reveal(String stored) {
        if (!TokenCipher.isSealed(stored)) {
            return stored;
        }
        if (cipher == null) {
            throw new SecretKeyMissingException("the stored token is encrypted and " + SecretKeys.ENV
                    + " is not set in this process");
        }
        return cipher.open(stored);
    }

    /** A stored token opened, and the value to store instead when it is not sealed under the current key. */
    public record Opened(String token, Optional<String> replacement) {
    }

    /**
     * {@link #reveal} and {@link #upgrade} with one decryption: the token, and its sealed form
     * under the current key when {@code stored} is legacy plaintext or sealed under a previous key
     * (a key rotation).
     *
     * @throws SecretKeyMissingException  the value is sealed and this process has no key
     * @throws TokenUnreadableException   no configured key opens it
     */
    public Opened open(String stored) {
        if (cipher == null) {
            return new Opened(reveal(stored), Optional.empty());
        }
        TokenCipher.Opened opened = cipher.openWithKey(stored);
        boolean current = TokenCipher.isSealed(stored) && !opened.underPreviousKey();
        return new Opened(opened.token(), current ? Optional.empty() : Optional.of(cipher.seal(opened.token())));
    }

    /**
     * The value to store instead of {@code stored} (see {@link #open}); empty without a key.
     *
     * @throws TokenUnreadableException when no configured key opens it
     */
    public Optional<String> upgrade(String stored) {
        return cipher == null ? Optional.empty() : open(stored).replacement();
    }
}
