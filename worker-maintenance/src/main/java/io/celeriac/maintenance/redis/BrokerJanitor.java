package io.celeriac.maintenance.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.core.admin.DeadLetterFilter;
import io.celeriac.core.admin.DeadLetters;
import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.worker.LeaseRecoverer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Redis housekeeping of Celeriac's own keys.
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
    /** Entries dropped per script call: bounds the script's argument list. */

    private final RedisBroker broker;
    private final DeadLetters deadLetters;

    public BrokerJanitor(RedisBroker broker) {
        this.broker = broker;
        this.deadLetters = new DeadLetters(broker, new MessageCodec(new ObjectMapper()));
    }

    /** What a run removed. */
    public record Result(int deadLettersDropped, int workersRemoved, long messagesRequeued) {
    }

    public Result run(Clock clock, Duration deadLetterRetention, Duration workerRetention) {
        Instant now = clock.instant();
        int dropped = dropDeadLetters(now.minus(deadLetterRetention));
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

    /**
     * Streams the list in pages and drops, in small batches, the entries written before
     * {@code olderThan}: each carries its own worker's clock, so the list is only roughly ordered
     * by {@code at} and every entry is looked at.
     */
    private int dropDeadLetters(Instant olderThan) {
        return (int) deadLetters.drop(DeadLetterFilter.all(), olderThan.minusMillis(1), false).touched();
    }
}
