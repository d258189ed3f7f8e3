package io.celeriac.maintenance.redis;

import io.celeriac.core.broker.Broker;
import io.celeriac.core.worker.LeaseRecoverer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Housekeeping of Celeriac's own broker state, through the {@link Broker} seam.
 *
 * <ol>
 *   <li>dead letters older than their retention are dropped (by value, atomically, so an entry an
 *       operator requeued meanwhile is simply counted as gone);</li>
 *   <li>workers silent for longer than their retention are recovered the way a worker's own
 *       {@link LeaseRecoverer} would: in-flight messages back on their queues, then the record
 *       removed. Nothing a stale worker held is lost.</li>
 * </ol>
 */
public final class BrokerJanitor {
    private final Broker broker;

    public BrokerJanitor(Broker broker) {
        this.broker = broker;
    }

    /** What a run removed. */
    public record Result(int deadLettersDropped, int workersRemoved, long messagesRequeued) {
    }

    public Result run(Clock clock, Duration deadLetterRetention, Duration workerRetention) {
        Instant now = clock.instant();
        int dropped = (int) broker.dropDeadLetters(now.minus(deadLetterRetention));
        Instant staleBefore = now.minus(workerRetention);
        LeaseRecoverer recoverer = new LeaseRecoverer(broker, clock, workerRetention);
        int removed = 0;
        long requeued = 0;
        for (Map.Entry<String, Instant> beat : broker.workerHeartbeats().entrySet()) {
            if (!beat.getValue().isAfter(staleBefore)) {
                requeued += recoverer.recover(beat.getKey(), staleBefore);
                removed += broker.workerHeartbeats().containsKey(beat.getKey()) ? 0 : 1;
            }
        }
        return new Result(dropped, removed, requeued);
    }
}
