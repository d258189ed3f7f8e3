package io.celeriac.core.metrics;

import io.celeriac.core.broker.redis.RedisKeys;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;

/**
 * Samples queue depths into gauges, {@code celeriac.queue.depth} (queue, priority step), so a
 * scrape never waits on Redis. One pipelined round trip per sample.
 */
public final class QueueDepths {
    private final RedissonClient redis;
    private final RedisKeys keys;
    private final List<String> queues;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();

    public QueueDepths(RedissonClient redis, RedisKeys keys, List<String> queues, MeterRegistry registry) {
        this.redis = redis;
        this.keys = keys;
        this.queues = List.copyOf(queues);
        for (String queue : queues) {
            for (int step : RedisKeys.PRIORITY_STEPS) {
                AtomicLong depth = new AtomicLong();
                depths.put(keys.queueList(queue, step), depth);
                Gauge.builder("celeriac.queue.depth", depth, AtomicLong::get).description("Messages waiting in a queue")
                        .tags("queue", queue, "priority", String.valueOf(step)).register(registry);
            }
        }
    }

    public Duration runOnce() {
        RBatch batch = redis.createBatch();
        List<String> lists = queues.stream().flatMap(q -> keys.queueLists(q).stream()).toList();
        lists.forEach(list -> batch.getList(list).sizeAsync());
        List<?> sizes = batch.execute().getResponses();
        for (int i = 0; i < lists.size(); i++) {
            depths.get(lists.get(i)).set(((Number) sizes.get(i)).longValue());
        }
        return Duration.ofSeconds(5);
    }
}
