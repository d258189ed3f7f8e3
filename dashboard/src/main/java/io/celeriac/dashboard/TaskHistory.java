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
 * The workers' per-minute counters ({@link TaskCounters}) over a window ending now: one MGET of
 * 3 x minutes keys, whatever the task rate. A minute with no key counted nothing (or expired).
 */
public final class TaskHistory {
    /** Counts per counter name, one per minute, oldest first, starting at {@code firstMinute}. */
    public record Series(long firstMinute, Map<String, long[]> counts) {
        public long total(String counter) {
            long sum = 0;
            for (long n : counts.get(counter)) {
                sum += n;
            }
            return sum;
        }
    }

    private final Keyspace redis;
    private final RedisKeys keys;

    public TaskHistory(Keyspace redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public Series lastMinutes(Instant now, int minutes) {
        long last = TaskCounters.minuteOf(now);
        long first = last - minutes + 1;
        List<String> names = new ArrayList<>();
        for (String counter : TaskCounters.ALL) {
            for (long m = first; m <= last; m++) {
                names.add(keys.minuteCounter(counter, m));
            }
        }
        List<byte[]> values = redis.values(names);
        Map<String, long[]> counts = new LinkedHashMap<>();
        int i = 0;
        for (String counter : TaskCounters.ALL) {
            long[] series = new long[minutes];
            for (int m = 0; m < minutes; m++, i++) {
                byte[] v = values.get(i);
                series[m] = v == null ? 0 : parse(v);
            }
            counts.put(counter, series);
        }
        return new Series(first, counts);
    }

    private static long parse(byte[] value) {
        try {
            return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
