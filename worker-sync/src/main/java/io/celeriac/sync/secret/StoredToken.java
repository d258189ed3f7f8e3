package io.celeriac.sync.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is written for a token: the value (sealed, or plaintext by choice) and two facts that are
 * safe to keep in the clear. The fingerprint (SHA-256 hex of the token) makes "this user already
 * has this integration" checkable although every sealing differs (random nonce); a token is a
 * long random secret, so its hash reveals nothing useful. The hint ({@code secret_…ab12}) tells
 * operators which token a row holds without decrypting it. Migration V2's trigger computes both
 * the same way for rows written in plaintext by SQL.
 */
public record StoredToken(String value, String fingerprint, String hint) {
    /** Shorter tokens show no characters at all: 4 of 11 would give too much away. */
    private static final int MIN_LENGTH_FOR_HINT = 12;
    private static final Pattern KIND = Pattern.compile("^[a-z]{2,8}_");

    static StoredToken of(String token, String value) {
        return new StoredToken(value, fingerprint(token), hint(token));
    }

    public static String fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The token's kind prefix ({@code secret_}, {@code ntn_}) and at most its last 4 characters. */
    public static String hint(String token) {
        if (token.length() < MIN_LENGTH_FOR_HINT) {
            return "…";
        }
        Matcher kind = KIND.matcher(token);
        return (kind.find() ? kind.group() : "") + "…" + token.substring(token.length() - 4);
    }

    @Override
    public String toString() {
        return "StoredToken[" + hint + "]";
    }
}
