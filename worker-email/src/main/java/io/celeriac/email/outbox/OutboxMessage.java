package io.celeriac.email.outbox;

import java.time.Instant;

/**
 * One row of the outbox.
 *
 * @param attempts    sends tried so far (a claim counts as one)
 * @param claimToken  the current sender's token while SENDING (kept while UNKNOWN, so a late answer
 *                    to that send can still settle it), else null
 * @param lastError   the last failure: the SMTP server's reply, the connection error, or what is
 *                    known of an unknown outcome (and an operator's decision about it)
 * @param dataEndAt   when the current claim's sender reached the end of DATA (the server may hold
 *                    the message from then), or null
 */
public record OutboxMessage(long id, String idempotencyKey, String to, String subject, String body, String html,
                            OutboxStatus status, int attempts, String claimToken, Instant claimedAt,
                            Instant nextAttemptAt, String lastError, Instant createdAt, Instant updatedAt, Instant sentAt,
                            Instant dataEndAt) {

    public EmailRequest request() {
        return new EmailRequest(to, subject, body, html, idempotencyKey);
    }
}
