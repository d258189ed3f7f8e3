package io.celeriac.ai.model;

import java.time.Instant;
import java.util.Locale;

/**
 * One channel of one run: the message planned for it and what became of it.
 *
 * @param body         the text to send; the model's own message, or its final answer
 * @param sendingSince when the last send began (for a {@code sending} row: when its outcome may be reconciled)
 * @param providerRef  the provider's id of the message (Twilio's SID, the send_email task id)
 */
public record Notification(long runId, Channel channel, Status status, String subject, String body, int attempts,
                           Instant sendingSince, String providerRef, String detail) {

    /** See the V2 migration: pending, sending, sent, failed (for good), unknown (never resent). */
    public enum Status {
        PENDING, SENDING, SENT, FAILED, UNKNOWN;

        public String dbName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status of(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }

        /** Nothing more will be done on the channel. */
        public boolean isFinal() {
            return this == SENT || this == FAILED || this == UNKNOWN;
        }
    }
}
