package io.celeriac.dashboard;

import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.TaskCounters;
import io.celeriac.core.broker.redis.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each queue's rates over the last {@link #MINUTES} minutes (this one included), from one MGET:
 * <ul>
 *   <li>out: what workers finished with ({@link TaskCounters#doneFrom}, written with each outcome);</li>
 *   <li>in, estimated: out plus the change in depth between the dashboard's depth samples at the
 *       window's two ends ({@link DepthSampler}): whatever arrived either left or is still waiting.
 *       Purges and requeues skew it; without both samples it is unknown. Counting every send would
 *       cost each client an extra write, and Python clients would not do it.</li>
 * </ul>
 */
public final class QueueRates {
    public static final int MINUTES = 5;

    /** {@code inPerMinute} is null when the depth samples it needs are missing. */
    public record Rate(long done, double outPerMinute, Double inPerMinute) {
    }

    private final Keyspace redis;
    private final RedisKeys keys;

    public QueueRates(Keyspace redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public Map<String, Rate> lastMinutes(List<String> queues, Instant now) {
        long last = TaskCounters.minuteOf(now);
        long first = last - MINUTES + 1;
        List<String> names = new ArrayList<>();
        for (String queue : queues) {
            for (long m = first; m <= last; m++) {
                names.add(keys.minuteCounter(TaskCounters.doneFrom(queue), m));
            }
            names.add(keys.queueDepthSample(queue, first - 1));
            names.add(keys.queueDepthSample(queue, last));
        }
        List<byte[]> values = names.isEmpty() ? List.of() : redis.values(names);
        Map<String, Rate> rates = new LinkedHashMap<>();
        int i = 0;
        for (String queue : queues) {
            long done = 0;
            for (int m = 0; m < MINUTES; m++, i++) {
                done += number(values.get(i), 0);
            }
            long before = number(values.get(i++), -1);
            long after = number(values.get(i++), -1);
            Double in = before < 0 || after < 0 ? null : Math.max(0, done + after - before) / (double) MINUTES;
            rates.put(queue, new Rate(done, done / (double) MINUTES, in));
        }
        return rates;
    }

    private static long number(byte[] value, long absent) {
        if (value == null) {
            return absent;
        }
        try {
            return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return absent;
        }
    }
}
