package io.celeriac.core.worker;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When this worker last took a message from each queue, reported with the heartbeat so the fleet
 * can tell a stalled queue (messages waiting, nobody taking them) from a quiet one. The fetcher's
 * side is one monotonic-clock store per message; the wall-clock conversion and the write happen
 * once per heartbeat, and only for queues that had a pickup since the last one.
 */
final class Pickups {
    private final Map<String, AtomicLong> lastNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> reported = new ConcurrentHashMap<>();

    /** A message was taken from {@code queue} now. */
    void picked(String queue) {
        lastNanos.computeIfAbsent(queue, q -> new AtomicLong()).set(System.nanoTime());
    }

    /** The last report did not reach the broker: the next one carries every queue again. */
    void reportAgain() {
        reported.clear();
    }

    /** The pickups since the last call, as wall-clock times on {@code clock}. */
    Map<String, Instant> sinceLastReport(Clock clock) {
        Map<String, Instant> fresh = new LinkedHashMap<>();
        long nowNanos = System.nanoTime();
        long nowMillis = clock.millis();
        lastNanos.forEach((queue, nanos) -> {
            long at = nanos.get();
            Long last = reported.get(queue);
            if (last == null || last != at) {
                reported.put(queue, at);
                fresh.put(queue, Instant.ofEpochMilli(nowMillis - (nowNanos - at) / 1_000_000L));
            }
        });
        return fresh;
    }
}
