package io.celeriac.core.worker;

import io.celeriac.core.broker.Broker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Moves delayed messages (countdowns, ETAs, retries) onto their queues when due. One worker of the
 * fleet does it at a time, holding the forwarding lease; the others stand by and take over when
 * that lease runs out (a dead forwarder's lease ends within {@link #LEASE}). The move itself is one
 * script, so each message is forwarded exactly once even when two forwarders overlap.
 *
 * <ol>
 *   <li>take or renew the lease and forward up to {@value #BATCH} due messages (forward-due-2.lua);</li>
 *   <li>if the batch was full, go again at once;</li>
 *   <li>else sleep until the next due time, at most {@code maxSleep} (a message added by another
 *       process may be due sooner than anything this loop has seen);</li>
 *   <li>while another worker forwards, wait until its lease would end, plus a random part of a
 *       lease so standbys do not all ask at once: an idle fleet's forwarding costs the store about
 *       the same with 1 worker or 1,000.</li>
 * </ol>
 */
public final class DelayedForwarder {
    static final int BATCH = 500;
    /** How long a forwarder that stopped renewing keeps the others waiting. */
    static final Duration LEASE = Duration.ofSeconds(3);

    private final Broker broker;
    private final Clock clock;
    private final Duration maxSleep;
    private final String worker;
    private final RandomGenerator random;

    /** A forwarder that forwards on every pass, whoever else does (tests of the move itself). */
    public DelayedForwarder(Broker broker, Clock clock, Duration maxSleep) {
        this(broker, clock, maxSleep, null, null);
    }

    /** The fleet's forwarder while {@code worker} holds the lease, a standby otherwise. */
    public DelayedForwarder(Broker broker, Clock clock, Duration maxSleep, String worker, RandomGenerator random) {
        this.broker = broker;
        this.clock = clock;
        this.maxSleep = maxSleep;
        this.worker = worker;
        this.random = random;
    }

    /** One pass; returns how long to wait before the next. */
    public Duration runOnce() {
        Instant now = clock.instant();
        Broker.Forwarded result = worker == null ? broker.forwardDue(now, BATCH)
                : broker.forwardDueAsForwarder(worker, now, BATCH, LEASE);
        if (result.standBy() != null) {
            return result.standBy().plusMillis(random.nextLong(LEASE.toMillis() + 1));
        }
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
