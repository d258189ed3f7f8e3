package io.celeriac.core.flow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The buckets and slots of one process, with the same rules as the Redis scripts: what a worker
 * uses when its broker keeps no flow state (a test's fault-injecting broker, eager mode). Limits
 * then hold per process, as Celery's do.
 */
public class LocalFlowStore implements FlowStore {
    /** Per bucket: {next token (the schedule), next start (the spacing of real starts)}, as in the script. */
    private final Map<String, double[]> buckets = new HashMap<>();
    private final Map<String, Map<String, Double>> reservations = new HashMap<>();
    private final Map<String, Map<String, Long>> slots = new HashMap<>();
    private final Map<String, Long> throttled = new HashMap<>();
    private final Map<String, String> limits = new TreeMap<>();

    @Override
    public synchronized Token takeToken(String bucket, Rate rate, String taskId, long nowMillis, long graceMillis, long paceMillis) {
        double interval = rate.intervalMillis();
        // times come in whole milliseconds: a rate above one token per ms lets a millisecond's tokens go at once
        double tolerance = Math.max(interval * (rate.burst() - 1), 1 - interval);
        // starts may come 10% closer than the rate, so tasks held up on the way can catch up
        double startTolerance = tolerance + interval * 0.1;
        double[] times = buckets.computeIfAbsent(bucket, b -> new double[2]);
        double next = Math.max(times[0], nowMillis);
        double start = Math.max(times[1], nowMillis);
        Map<String, Double> reserved = reservations.computeIfAbsent(bucket, b -> new HashMap<>());
        Double slot = reserved.get(taskId);
        if (slot != null && nowMillis >= slot - interval && nowMillis <= slot + graceMillis) {
            double spaced = start - startTolerance;
            if (spaced > nowMillis && spaced - nowMillis > paceMillis) {
                reserved.put(taskId, spaced);
                return new Token(Token.Kind.WAIT, (long) Math.ceil(spaced));
            }
            reserved.remove(taskId);
            times[0] = next;
            times[1] = Math.max(start, spaced) + interval;
            return spaced > nowMillis ? new Token(Token.Kind.AT, (long) Math.ceil(spaced)) : Token.NOW;
        }
        reserved.remove(taskId);
        reserved.values().removeIf(s -> s < nowMillis - graceMillis);
        double at = Math.max(next - tolerance, start - startTolerance);
        if (at <= nowMillis) {
            times[0] = next + interval;
            times[1] = start + interval;
            return Token.NOW;
        }
        if (at - nowMillis <= paceMillis) {
            times[0] = Math.max(next, at) + interval;
            times[1] = Math.max(start, at) + interval;
            return new Token(Token.Kind.AT, (long) Math.ceil(at));
        }
        times[0] = Math.max(next, at) + interval;
        times[1] = start;
        reserved.put(taskId, at);
        throttled.merge(limitName(bucket), 1L, Long::sum);
        return new Token(Token.Kind.WAIT, (long) Math.ceil(at));
    }

    @Override
    public synchronized long acquireSlot(String bucket, int max, String holder, long nowMillis, long expiryMillis) {
        Map<String, Long> holders = slots.computeIfAbsent(bucket, b -> new HashMap<>());
        holders.values().removeIf(end -> end < nowMillis);
        if (holders.containsKey(holder) || holders.size() < max) {
            holders.put(holder, expiryMillis);
            return 0;
        }
        throttled.merge(limitName(bucket), 1L, Long::sum);
        return holders.values().stream().mapToLong(Long::longValue).min().orElse(nowMillis);
    }

    @Override
    public synchronized void renewSlots(Collection<HeldSlot> held, long nowMillis, long expiryMillis) {
        for (HeldSlot slot : held) {
            Map<String, Long> holders = slots.get(slot.bucket());
            if (holders != null && holders.containsKey(slot.holder())) {
                holders.put(slot.holder(), expiryMillis);
            }
        }
    }

    @Override
    public synchronized void releaseSlot(HeldSlot slot) {
        Map<String, Long> holders = slots.get(slot.bucket());
        if (holders != null) {
            holders.remove(slot.holder());
        }
    }

    @Override
    public synchronized void publishLimits(Map<String, String> published) {
        limits.putAll(published);
    }

    @Override
    public synchronized List<LimitState> states(long nowMillis) {
        List<LimitState> states = new ArrayList<>();
        limits.forEach((name, definition) -> {
            long running = slots.getOrDefault(name, Map.of()).values().stream().filter(end -> end >= nowMillis).count();
            long reserved = reservations.getOrDefault(name, Map.of()).size();
            long next = Math.max(0, (long) Math.ceil(buckets.getOrDefault(name, new double[2])[0]) - nowMillis);
            states.add(new LimitState(name, definition, running, reserved, next, throttled.getOrDefault(name, 0L)));
        });
        return states;
    }

    static String limitName(String bucket) {
        int split = bucket.indexOf(FlowGate.KEY_SEPARATOR);
        return split < 0 ? bucket : bucket.substring(0, split);
    }
}
