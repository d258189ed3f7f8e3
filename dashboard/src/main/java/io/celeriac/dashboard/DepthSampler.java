package io.celeriac.dashboard;

import io.celeriac.core.broker.TaskCounters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queue depths over time: once a minute, each known queue's waiting count (LLENs, as the queues
 * page reads them) is kept under that minute for {@link TaskCounters#TTL}. Two dashboards write
 * the same numbers to the same keys, so replicas need no coordination. Only minutes a dashboard
 * ran are sampled.
 */
public final class DepthSampler implements AutoCloseable {
    /** Queues charted on the overview at most: more lines are unreadable. */
    public static final int MAX_CHARTED = 8;
    private static final Logger log = LoggerFactory.getLogger(DepthSampler.class);

    private final Fleet fleet;
    private ScheduledExecutorService timer;

    DepthSampler(Fleet fleet) {
        this.fleet = fleet;
    }

    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("dashboard-depths").factory());
        timer.scheduleAtFixedRate(this::runSafely, 0, 60, TimeUnit.SECONDS);
    }

    /** Samples every known queue's depth under the current minute. */
    void runOnce() {
        Instant now = fleet.clock().instant();
        long minute = TaskCounters.minuteOf(now);
        Map<String, byte[]> samples = new LinkedHashMap<>();
        fleet.inspector().depths(fleet.inspector().workers(now)).forEach((queue, depth) -> samples.put(
                fleet.keys().queueDepthSample(queue, minute),
                Long.toString(depth.values().stream().mapToLong(Long::longValue).sum()).getBytes(StandardCharsets.US_ASCII)));
        fleet.keyspace().setAll(samples, TaskCounters.TTL.toSeconds());
    }

    /** The last {@code minutes} samples of each queue (-1 where none was taken), oldest first. */
    public Map<String, long[]> lastMinutes(List<String> queues, Instant now, int minutes) {
        long first = TaskCounters.minuteOf(now) - minutes + 1;
        List<String> keys = new ArrayList<>();
        for (String queue : queues) {
            for (long m = first; m < first + minutes; m++) {
                keys.add(fleet.keys().queueDepthSample(queue, m));
            }
        }
        List<byte[]> values = fleet.keyspace().values(keys);
        Map<String, long[]> series = new LinkedHashMap<>();
        int i = 0;
        for (String queue : queues) {
            long[] depths = new long[minutes];
            for (int m = 0; m < minutes; m++, i++) {
                depths[m] = values.get(i) == null ? -1 : Long.parseLong(new String(values.get(i), StandardCharsets.US_ASCII));
            }
            series.put(queue, depths);
        }
        return series;
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // Redis away for a minute: that minute has no sample, the next one will
            log.atWarn().addKeyValue("error", e.toString()).log("could not sample queue depths");
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
