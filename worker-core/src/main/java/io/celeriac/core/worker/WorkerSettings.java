package io.celeriac.core.worker;

import io.celeriac.core.flow.QueueWeights;
import java.time.Duration;
import java.util.List;

/**
 * How one worker process runs.
 *
 * @param name               node name, unique among live workers ({@code --hostname})
 * @param queues             queues consumed, in round-robin order within a priority level
 * @param concurrency        tasks run at once
 * @param prefetchMultiplier messages held per runner (running included), as Celery's setting
 * @param maxTasksPerChild   after this many tasks the worker drains and exits 0, so its supervisor
 *                           starts a fresh JVM (the JVM's stand-in for recycling a child); 0 = never
 * @param shutdownTimeout    how long a stopping worker lets running tasks finish
 * @param leaseTimeout       a worker silent this long is dead and its in-flight messages go back
 * @param resultExpires      default result TTL (zero: keep forever)
 * @param resultExtended     store name, args, kwargs, worker, retries, queue with results
 * @param trackStarted       record STARTED for every task it runs (Celery's {@code task_track_started});
 *                           a task that asks for it itself always gets it
 * @param queueWeights       how to choose among the queues ({@code --queues a:3,b:1}, {@code --strict});
 *                           null: round robin
 */
public record WorkerSettings(String name, List<String> queues, int concurrency, int prefetchMultiplier,
                             long maxTasksPerChild, Duration shutdownTimeout, Duration leaseTimeout,
                             Duration resultExpires, boolean resultExtended, boolean trackStarted,
                             QueueWeights queueWeights) {
    public WorkerSettings {
        queues = List.copyOf(queues);
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("a worker needs at least one queue");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        if (prefetchMultiplier < 1) {
            throw new IllegalArgumentException("prefetch multiplier must be at least 1, got " + prefetchMultiplier);
        }
        if (leaseTimeout.toMillis() < 3000) {
            throw new IllegalArgumentException("lease timeout must be at least 3s, got " + leaseTimeout.toMillis() + "ms");
        }
    }

    /** Round robin among the queues. */
    public WorkerSettings(String name, List<String> queues, int concurrency, int prefetchMultiplier,
                          long maxTasksPerChild, Duration shutdownTimeout, Duration leaseTimeout,
                          Duration resultExpires, boolean resultExtended, boolean trackStarted) {
        this(name, queues, concurrency, prefetchMultiplier, maxTasksPerChild, shutdownTimeout, leaseTimeout,
                resultExpires, resultExtended, trackStarted, null);
    }

    /** Without {@code trackStarted}: only the tasks that ask record STARTED. */
    public WorkerSettings(String name, List<String> queues, int concurrency, int prefetchMultiplier,
                          long maxTasksPerChild, Duration shutdownTimeout, Duration leaseTimeout,
                          Duration resultExpires, boolean resultExtended) {
        this(name, queues, concurrency, prefetchMultiplier, maxTasksPerChild, shutdownTimeout, leaseTimeout,
                resultExpires, resultExtended, false);
    }

    /** The same settings under another node name. */
    public WorkerSettings withName(String other) {
        return new WorkerSettings(other, queues, concurrency, prefetchMultiplier, maxTasksPerChild, shutdownTimeout,
                leaseTimeout, resultExpires, resultExtended, trackStarted, queueWeights);
    }

    /** The same settings, recording STARTED for every task or not. */
    public WorkerSettings withTrackStarted(boolean track) {
        return new WorkerSettings(name, queues, concurrency, prefetchMultiplier, maxTasksPerChild, shutdownTimeout,
                leaseTimeout, resultExpires, resultExtended, track, queueWeights);
    }

    /** The same settings, choosing among the queues by {@code weights} (null: round robin). */
    public WorkerSettings withQueueWeights(QueueWeights weights) {
        return new WorkerSettings(name, queues, concurrency, prefetchMultiplier, maxTasksPerChild, shutdownTimeout,
                leaseTimeout, resultExpires, resultExtended, trackStarted, weights);
    }

    /** How many messages the worker may hold at once. */
    public int capacity() {
        return concurrency * prefetchMultiplier;
    }

    /**
     * How long the fleet's forwarding lease lasts once its holder's heartbeat renewed it: two
     * beats, so one late beat does not hand it over. When a holder dies, forwarding stops for at
     * most this long plus a standby's heartbeat interval; one that leaves releases it, and a
     * standby takes it at its next heartbeat.
     */
    public Duration forwardingLease() {
        return heartbeatInterval().multipliedBy(2);
    }

    /** Heartbeats come several times per lease, so one late beat never looks like death. */
    public Duration heartbeatInterval() {
        // five beats per lease, at most one per 5 s: an idle worker's lease costs Redis 0.2 scripts/s
        Duration fifth = leaseTimeout.dividedBy(5);
        return fifth.compareTo(Duration.ofSeconds(5)) < 0 ? fifth : Duration.ofSeconds(5);
    }
}
