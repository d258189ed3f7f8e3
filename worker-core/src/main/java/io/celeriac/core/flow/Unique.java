package io.celeriac.core.flow;

import java.time.Duration;

/**
 * Asks for a task to be unique ({@code SendOptions.unique(...)}): a second send while the lock
 * holds returns the first task's id instead of enqueueing ({@code AsyncResult.duplicate()} says
 * so). The lock's key is the task name with its canonical arguments, unless a key is given
 * ({@link #key(String)}) or the task id is the key ({@link #byTaskId()}).
 *
 * @param mode    how long the lock holds ({@link UniqueMode})
 * @param ttl     the longest it holds, whatever happens (a kill -9 included)
 * @param key     the caller's key, or null
 * @param byId    the task id is the key
 * @param window  for debounce and throttle: the window (else null)
 * @param kwargs  the keyword arguments the key is made of (empty: all arguments)
 */
public record Unique(UniqueMode mode, Duration ttl, String key, boolean byId, Duration window, java.util.List<String> kwargs) {
    public Unique {
        if (ttl == null || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("a unique task needs a TTL of at least 1 ms, got " + ttl);
        }
        kwargs = kwargs == null ? java.util.List.of() : java.util.List.copyOf(kwargs);
    }

    public Unique(UniqueMode mode, Duration ttl, String key, boolean byId, Duration window) {
        this(mode, ttl, key, byId, window, null);
    }

    public static Unique untilExecuted(Duration ttl) {
        return new Unique(UniqueMode.UNTIL_EXECUTED, ttl, null, false, null);
    }

    public static Unique untilStarted(Duration ttl) {
        return new Unique(UniqueMode.UNTIL_STARTED, ttl, null, false, null);
    }

    /** At most one at a time; {@code ttl} bounds one run's hold on the lock. */
    public static Unique whileExecuting(Duration ttl) {
        return new Unique(UniqueMode.WHILE_EXECUTING, ttl, null, false, null);
    }

    /**
     * Keep the last send within {@code window}: the task runs {@code window} after the last send.
     * The lock lives twice the window plus a minute, long enough for the last one to start.
     */
    public static Unique debounce(Duration window) {
        return new Unique(UniqueMode.DEBOUNCE, window.multipliedBy(2).plusMinutes(1), null, false, window);
    }

    /** Keep the first send within {@code window}; the next one after the window runs again. */
    public static Unique throttle(Duration window) {
        return new Unique(UniqueMode.THROTTLE, window, null, false, window);
    }

    /** The same, with the caller's key (at most {@value UniqueKeys#MAX_KEY_LENGTH} characters). */
    public Unique key(String k) {
        return new Unique(mode, ttl, UniqueKeys.checkKey(k), false, window);
    }

    /**
     * The same, keyed by the task name and only these keyword arguments (one sync per
     * {@code user_id}, whatever else the call carries). A send that lacks one is refused.
     */
    public Unique onKwargs(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("onKwargs needs at least one keyword argument name");
        }
        return new Unique(mode, ttl, null, false, window, java.util.List.of(names));
    }

    /** The same, keyed by the task id (a resend of the same id is the duplicate). */
    public Unique byTaskId() {
        return new Unique(mode, ttl, null, true, window);
    }
}
