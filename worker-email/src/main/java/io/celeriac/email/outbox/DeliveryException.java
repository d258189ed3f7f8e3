package io.celeriac.email.outbox;

import io.celeriac.core.CeleriacException;

/**
 * A message could not be delivered. {@link #reply()} is what the server said (e.g.
 * {@code 550 5.1.1 mailbox unavailable}) or the connection error; it is stored on the outbox row.
 */
public final class DeliveryException extends CeleriacException {
    private final boolean permanent;
    private final String reply;

    private DeliveryException(boolean permanent, String reply, Throwable cause) {
        super((permanent ? "permanent" : "transient") + " delivery failure: " + reply, cause);
        this.permanent = permanent;
        this.reply = reply;
    }

    /** 4xx replies, connection and timeout errors: the same message may go through later. */
    public static DeliveryException transientFailure(String reply, Throwable cause) {
        return new DeliveryException(false, reply, cause);
    }

    /** 5xx replies and invalid addresses: retrying cannot help. */
    public static DeliveryException permanentFailure(String reply, Throwable cause) {
        return new DeliveryException(true, reply, cause);
    }

    public boolean permanent() {
        return permanent;
    }

    public String reply() {
        return reply;
    }
}
