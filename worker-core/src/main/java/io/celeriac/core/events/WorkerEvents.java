package io.celeriac.core.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.Version;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * A worker's own events: {@code worker-online} when it starts, {@code worker-heartbeat} every two
 * seconds ({@link #runOnce()}, Celery's default frequency, which Flower uses to tell a worker
 * offline), {@code worker-offline} when it leaves.
 */
public final class WorkerEvents {
    /** Celery's {@code worker_heartbeat} frequency. */
    public static final Duration FREQUENCY = Duration.ofSeconds(2);

    private final EventPublisher publisher;
    private final IntSupplier active;
    private final LongSupplier processed;

    /**
     * @param active    tasks running now
     * @param processed tasks finished since the worker started
     */
    public WorkerEvents(EventPublisher publisher, IntSupplier active, LongSupplier processed) {
        this.publisher = publisher;
        this.active = active;
        this.processed = processed;
    }

    public void online() {
        publisher.send("worker-online", fields());
    }

    /** Sends a heartbeat now (also Celery's {@code heartbeat} control command). */
    public Duration runOnce() {
        publisher.send("worker-heartbeat", fields());
        return FREQUENCY;
    }

    public void offline() {
        publisher.send("worker-offline", fields());
    }

    private ObjectNode fields() {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("freq", FREQUENCY.toMillis() / 1000.0);
        fields.put("active", active.getAsInt());
        fields.put("processed", processed.getAsLong());
        ArrayNode loadavg = fields.putArray("loadavg");
        for (double load : loadAverages()) {
            loadavg.add(Math.round(load * 100) / 100.0);
        }
        fields.put("sw_ident", "celeriac");
        fields.put("sw_ver", Version.VERSION);
        fields.put("sw_sys", System.getProperty("os.name"));
        return fields;
    }

    /** The 1, 5 and 15 minute load averages (Linux); elsewhere the JVM's 1-minute figure thrice. */
    static double[] loadAverages() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
        } catch (IOException | RuntimeException e) {
            double load = Math.max(0, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            return new double[] {load, load, load};
        }
    }
}
