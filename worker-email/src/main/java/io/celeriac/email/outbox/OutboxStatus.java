package io.celeriac.email.outbox;

/**
 * A message's state. Allowed moves:
 * <pre>
 * PENDING --claim--> SENDING --the server accepted it-------------------> SENT
 *                            --4xx, or no connection before end of DATA--> PENDING (backoff) | FAILED (too many)
 *                            --5xx, invalid address----------------------> FAILED
 *                            --no answer after the end of DATA-----------> UNKNOWN
 * SENDING, claim older than the sending timeout: claimed again if DATA had not ended, else UNKNOWN
 * UNKNOWN --operator: resend--> PENDING      UNKNOWN --operator: mark-sent--> SENT
 * FAILED  --operator: resend--> PENDING
 * </pre>
 * SENT is final. UNKNOWN is never left by a sender on its own: the server may have the message, and
 * sending it again could deliver it twice (a late answer to the same claim may still settle it).
 */
public enum OutboxStatus {
    PENDING, SENDING, SENT, FAILED, UNKNOWN;

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static OutboxStatus fromDb(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
