package io.celeriac.email.outbox;

import java.time.Instant;

/**
 * One row of the outbox.
 *
 * @param attempts    sends tried so far (a claim counts as one)
 * @param claimToken  the current sender's token while SENDING, else null
 * @param lastError   the last failure: the SMTP server's reply or the connection error
 */
public record OutboxMessage(long id, String idempotencyKey, String to, String subject, String body, String html,
                            OutboxStatus status, int attempts, String claimToken, Instant claimedAt,
                            Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {

    public EmailRequest request() {
        return new EmailRequest(to, subject, body, html, idempotencyKey);
    }
}
