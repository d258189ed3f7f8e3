package io.celeriac.core.worker;

import io.celeriac.core.broker.Broker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Moves delayed messages (countdowns, ETAs, retries) onto their queues when due. Every worker runs
 * one; the move is one script, so each message is forwarded exactly once however many run.
 *
 * <ol>
 *   <li>forward up to {@value #BATCH} due messages (forward-due-2.lua);</li>
 *   <li>if the batch was full, go again at once;</li>
 *   <li>else sleep until the next due time, at most {@code maxSleep} (a message added by another
 *       process may be due sooner than anything this loop has seen).</li>
 * </ol>
 */
public final class DelayedForwarder {
    static final int BATCH = 500;

    private final Broker broker;
    private final Clock clock;
    private final Duration maxSleep;

    public DelayedForwarder(Broker broker, Clock clock, Duration maxSleep) {
        this.broker = broker;
        this.clock = clock;
        this.maxSleep = maxSleep;
    }

    /** One pass; returns how long to wait before the next. */
    public Duration runOnce() {
        Instant now = clock.instant();
        Broker.Forwarded result = broker.forwardDue(now, BATCH);
        if (result.moved() >= BATCH) {
            return Duration.ZERO;
        }
        if (result.nextDue() == null) {
            return maxSleep;
        }
        Duration untilDue = Duration.between(now, result.nextDue());
        if (untilDue.isNegative()) {
            return Duration.ZERO;
        }
        return untilDue.compareTo(maxSleep) < 0 ? untilDue : maxSleep;
    }
}
