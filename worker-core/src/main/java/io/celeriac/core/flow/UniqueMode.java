package io.celeriac.core.flow;

import java.util.Locale;

/**
 * How long a unique task's lock holds, and what a duplicate gets. Every lock also ends at its TTL,
 * whatever happens to the sender or the worker.
 */
public enum UniqueMode {
    /**
     * From the send until the task ends for good (success, failure; not a retry). A task revoked
     * or expired before it ran leaves its lock to the TTL.
     */
    UNTIL_EXECUTED,
    /** From the send until a worker starts the task. */
    UNTIL_STARTED,
    /** Sends are not deduplicated; at most one runs at a time, a duplicate waits its turn. */
    WHILE_EXECUTING,
    /** Keep the last: each send within the window replaces the one waiting, which runs at its end. */
    DEBOUNCE,
    /** Keep the first: sends within the window after the first are duplicates of it. */
    THROTTLE;

    /** The name in the {@code celeriac_unique} header: lower case, e.g. {@code until_executed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted modes */
    public static UniqueMode fromWire(String name) {
        for (UniqueMode mode : values()) {
            if (mode.wireName().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown unique mode '" + name
                + "' (expected until_executed, until_started, while_executing, debounce or throttle)");
    }
}
