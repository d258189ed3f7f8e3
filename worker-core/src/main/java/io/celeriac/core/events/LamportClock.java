package io.celeriac.core.events;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Celery's logical clock: every event and control message carries it, and a process that hears a
 * larger one moves past it, so the fleet's events can be ordered without trusting wall clocks.
 */
public final class LamportClock {
    private final AtomicLong value = new AtomicLong();

    /** Ticks for something this process sends. */
    public long forward() {
        return value.incrementAndGet();
    }

    /** Hears another process's clock: moves past it (or ticks, when it is behind). */
    public long adjust(long other) {
        return value.updateAndGet(current -> Math.max(current, other) + 1);
    }

    public long value() {
        return value.get();
    }
}
