package io.celeriac.core.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's one clock: this host's clock, corrected to the broker's (Redis {@code TIME}). What
 * several hosts must agree on (leases, delayed messages coming due, countdowns and ETAs a client
 * sets) then agrees however far the hosts' own clocks drift: a worker whose clock is 30 s ahead
 * neither takes a healthy worker for dead nor forwards a delayed message early.
 *
 * <p>The offset is measured at the first use after {@link #bind} (the best of {@value #SAMPLES}
 * readings) and again every {@value #RESYNC_SECONDS} s (one reading), correcting for half the
 * round trip; between measurements time comes from the local clock, so reading it costs nothing. Until bound, or when the broker cannot be
 * reached, the last offset (or none) applies.
 */
public final class BrokerClock extends Clock {
    private static final Logger log = LoggerFactory.getLogger(BrokerClock.class);
    static final long RESYNC_SECONDS = 30;
    /** Readings per sync, the shortest round trip kept. */
    static final int SAMPLES = 3;

    private final Clock local;
    private volatile Supplier<Instant> brokerTime;
    private volatile long offsetMillis;
    /** When the offset was last measured; a value that reads as long ago (never Long.MIN_VALUE: the subtraction would overflow). */
    private volatile long syncedAtNanos = longAgo();
    private volatile boolean failureLogged;
    /** The best round trip of the first sync, in ms (MAX_VALUE until one succeeded). */
    private volatile long firstRoundTrip = Long.MAX_VALUE;

    public BrokerClock(Clock local) {
        this.local = local;
    }

    /** From now on, follows {@code brokerTime} (a round trip to the broker). */
    public BrokerClock bind(Supplier<Instant> time) {
        this.brokerTime = time;
        this.firstRoundTrip = Long.MAX_VALUE;
        this.syncedAtNanos = longAgo();
        return this;
    }

    /** How far the broker's clock is ahead of this host's, as last measured. */
    public Duration offset() {
        return Duration.ofMillis(offsetMillis);
    }

    /** A sync time far enough back that the next reading measures the offset first. */
    private static long longAgo() {
        return System.nanoTime() - Duration.ofSeconds(RESYNC_SECONDS + 1).toNanos();
    }

    @Override
    public Instant instant() {
        Supplier<Instant> time = brokerTime;
        if (time != null && System.nanoTime() - syncedAtNanos > Duration.ofSeconds(RESYNC_SECONDS).toNanos()) {
            sync(time);
        }
        return local.instant().plusMillis(offsetMillis);
    }

    private synchronized void sync(Supplier<Instant> time) {
        if (System.nanoTime() - syncedAtNanos <= Duration.ofSeconds(RESYNC_SECONDS).toNanos()) {
            return;
        }
        try {
            // the reading with the shortest round trip: the first one may include connecting, whose
            // time would otherwise land in the offset as half its duration. Later syncs take one
            // reading (an idle process's cost to Redis), kept only when its round trip was about as
            // short as the first sync's best; else the last offset stands until the next period.
            boolean first = firstRoundTrip == Long.MAX_VALUE;
            long bestRoundTrip = Long.MAX_VALUE;
            long offset = offsetMillis;
            for (int reading = 0; reading < (first ? SAMPLES : 1); reading++) {
                long before = local.millis();
                long broker = time.get().toEpochMilli();
                long after = local.millis();
                if (after - before < bestRoundTrip) {
                    bestRoundTrip = after - before;
                    offset = broker - (before + after) / 2;
                }
            }
            if (first || bestRoundTrip <= 2 * firstRoundTrip + 1) {
                offsetMillis = offset;
            }
            if (first) {
                firstRoundTrip = bestRoundTrip;
            }
            failureLogged = false;
        } catch (RuntimeException e) {
            if (!failureLogged) {
                failureLogged = true;
                log.atWarn().addKeyValue("error", e.toString()).log("cannot read the broker's clock; keeping the last offset");
            }
        }
        syncedAtNanos = System.nanoTime();
    }

    @Override
    public ZoneId getZone() {
        return local.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(local.getZone()) ? this : new BrokerClock(local.withZone(zone)).bind(brokerTime);
    }
}
