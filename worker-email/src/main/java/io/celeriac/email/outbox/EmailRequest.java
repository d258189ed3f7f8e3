package io.celeriac.email.outbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A message as a sender asks for it ({@code send_email}'s kwargs).
 *
 * @param html            an HTML alternative of {@code body}, or null
 * @param idempotencyKey  the sender's key: a second request with the same key is never sent again
 */
public record EmailRequest(String to, String subject, String body, String html, String idempotencyKey) {
    public EmailRequest {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (to.isBlank()) {
            throw new IllegalArgumentException("send_email needs a recipient ('to')");
        }
        if (idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("send_email needs a non-blank idempotency_key");
        }
    }

    /**
     * The Message-ID every copy of the message with this key carries ({@code <hex@celeriac>}): mail
     * clients collapse copies with it, and an operator finds the message in a server's log by it.
     */
    public static String messageId(String idempotencyKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(hash, 0, 16) + "@celeriac>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
