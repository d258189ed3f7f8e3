package io.celeriac.email.outbox;

/**
 * A message's state. Allowed moves: PENDING to SENDING (a claim); SENDING to SENT, FAILED or back
 * to PENDING (transient failure); a SENDING claim older than the sending timeout may be claimed
 * again (its sender is presumed dead). SENT and FAILED are final.
 */
public enum OutboxStatus {
    PENDING, SENDING, SENT, FAILED;

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static OutboxStatus fromDb(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
