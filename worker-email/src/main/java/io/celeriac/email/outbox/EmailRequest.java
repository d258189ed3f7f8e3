package io.celeriac.email.outbox;

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
}
