package io.celeriac.core.worker;

import io.celeriac.core.broker.Broker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds workers whose lease ran out (killed, frozen, cut off) and puts their in-flight messages
 * back at the front of their queues. The worker that forwards delayed messages for the fleet runs
 * it for the fleet (so its cost does not grow with the fleet); the script re-checks the lease, so
 * two recoverers racing (a forwarding lease changing hands), or a worker that beats again, do no harm.
 *
 * <ol>
 *   <li>read the workers whose last heartbeat is older than the lease timeout (a range query: the
 *       cost does not grow with the live fleet);</li>
 *   <li>for each, read its record's source lists;</li>
 *   <li>move its in-flight lists back onto those sources and forget it (recover-worker.lua).</li>
 * </ol>
 */
public final class LeaseRecoverer {
    private static final Logger log = LoggerFactory.getLogger(LeaseRecoverer.class);

    /** Dead workers recovered per pass; more wait for the next. */
    static final int BATCH = 100;

    private final Broker broker;
    private final Clock clock;
    private final Duration leaseTimeout;

    public LeaseRecoverer(Broker broker, Clock clock, Duration leaseTimeout) {
        this.broker = broker;
        this.clock = clock;
        this.leaseTimeout = leaseTimeout;
    }

    /** Recovers every dead worker; returns the number of messages put back. */
    public long recoverDead() {
        Instant staleBefore = clock.instant().minus(leaseTimeout);
        long total = 0;
        for (String worker : broker.workersSilentSince(staleBefore, BATCH).keySet()) {
            total += recover(worker, staleBefore);
        }
        return total;
    }

    /** Recovers one worker if it is dead at {@code staleBefore}; returns messages put back (0 if alive). */
    public long recover(String worker, Instant staleBefore) {
        String sources = broker.workerRecord(worker).getOrDefault("sources", "");
        List<String> lists = sources.isEmpty() ? List.of() : Arrays.asList(sources.split("\n"));
        long moved = broker.recover(worker, staleBefore, lists);
        if (moved >= 0) {
            log.atWarn().addKeyValue("worker", worker).addKeyValue("requeued", moved)
                    .log("worker lease expired; its in-flight messages were put back on their queues");
        }
        return Math.max(0, moved);
    }

    Duration runOnce() {
        recoverDead();
        return interval();
    }

    /** A fifth of the lease, at most 5 s: a dead worker's messages are back within the lease plus this. */
    Duration interval() {
        Duration fifth = leaseTimeout.dividedBy(5);
        return fifth.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : fifth;
    }
}
