package io.celeriac.core.metrics;

import io.celeriac.core.broker.Broker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples queue depths into gauges, {@code celeriac.queue.depth} (queue, priority step), so a
 * scrape never waits on Redis. One round trip per queue per sample, every 15 s (Prometheus's usual
 * scrape interval: sampling faster than anyone reads costs Redis for nothing), and only while
 * someone reads the gauges: a worker nobody scrapes (no {@code --http-port}) samples once at start
 * and then costs Redis nothing here, whatever number of queues it serves. The first scrape after a
 * quiet spell reads values up to that long old; the next ones are fresh.
 */
public final class QueueDepths {
    static final Duration SAMPLE = Duration.ofSeconds(15);
    /** Sampling stops when the gauges have not been read for this long. */
    static final Duration UNREAD = Duration.ofMinutes(2);

    private final Broker broker;
    private final List<String> queues;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
    /** When a scrape last read a gauge (never, at first). */
    private volatile long lastReadNanos = System.nanoTime() - UNREAD.toNanos() - 1;
    private boolean sampled;

    public QueueDepths(Broker broker, List<String> queues, MeterRegistry registry) {
        this.broker = broker;
        this.queues = List.copyOf(queues);
        for (String queue : queues) {
            for (int step : new int[] {0, 3, 6, 9}) {
                AtomicLong depth = new AtomicLong();
                depths.put(queue + "/" + step, depth);
                Gauge.builder("celeriac.queue.depth", depth, this::read).description("Messages waiting in a queue")
                        .tags("queue", queue, "priority", String.valueOf(step)).register(registry);
            }
        }
    }

    private double read(AtomicLong depth) {
        lastReadNanos = System.nanoTime();
        return depth.get();
    }

    public Duration runOnce() {
        if (sampled && System.nanoTime() - lastReadNanos > UNREAD.toNanos()) {
            return SAMPLE;
        }
        for (String queue : queues) {
            broker.queueDepths(queue).forEach((step, depth) -> {
                AtomicLong gauge = depths.get(queue + "/" + step);
                if (gauge != null) {
                    gauge.set(depth);
                }
            });
        }
        sampled = true;
        return SAMPLE;
    }
}
