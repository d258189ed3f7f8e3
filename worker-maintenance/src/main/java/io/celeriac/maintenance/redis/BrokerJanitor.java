package io.celeriac.maintenance.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.core.admin.DeadLetter;
import io.celeriac.core.admin.DeadLetterFilter;
import io.celeriac.core.admin.DeadLetters;
import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.worker.LeaseRecoverer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    private static final int DROP_CHUNK = 500;

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
     * Reads the whole list and checks each entry's age: entries are pushed newest first, but each
     * carries its own worker's clock, so the list is only roughly ordered by {@code at}.
     */
    private int dropDeadLetters(Instant olderThan) {
        List<DeadLetter> expired = deadLetters.select(DeadLetterFilter.all(), Integer.MAX_VALUE).stream()
                .filter(letter -> letter.entry().at().isBefore(olderThan))
                .toList();
        int dropped = 0;
        for (int from = 0; from < expired.size(); from += DROP_CHUNK) {
            dropped += deadLetters.drop(expired.subList(from, Math.min(expired.size(), from + DROP_CHUNK))).touched();
        }
        return dropped;
    }
}
