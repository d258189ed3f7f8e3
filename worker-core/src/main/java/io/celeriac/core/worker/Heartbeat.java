package io.celeriac.core.worker;

import io.celeriac.core.broker.Broker;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the worker's lease: its score in the workers set is its last heartbeat, and its record
 * says what it consumes, so that whoever finds it dead can put its in-flight messages back.
 *
 * <ol>
 *   <li>write heartbeat time, counters and the record (heartbeat-2.lua);</li>
 *   <li>if the record had vanished after the first beat, the worker was taken for dead (a pause
 *       longer than the lease): its in-flight messages went back to the queues, so tasks it is
 *       running now may run twice; say so loudly, and carry on under the renewed lease.</li>
 * </ol>
 */
final class Heartbeat {
    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    private final Broker broker;
    private final String worker;
    private final Clock clock;
    private final Map<String, String> staticFields;
    private final Supplier<Map<String, String>> liveFields;
    private final Duration interval;
    private boolean registered;

    Heartbeat(Broker broker, String worker, Clock clock, Map<String, String> staticFields,
              Supplier<Map<String, String>> liveFields, Duration interval) {
        this.broker = broker;
        this.worker = worker;
        this.clock = clock;
        this.staticFields = Map.copyOf(staticFields);
        this.liveFields = liveFields;
        this.interval = interval;
    }

    /** Record fields that never change: what recovery needs. */
    static Map<String, String> staticFields(WorkerSettings settings, List<String> sourceLists, String version,
                                            String host, long pid, long startedMillis, Collection<String> tasks) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", settings.name());
        fields.put("prefetch_multiplier", String.valueOf(settings.prefetchMultiplier()));
        fields.put("host", host);
        fields.put("pid", String.valueOf(pid));
        fields.put("version", version);
        fields.put("started", String.valueOf(startedMillis));
        fields.put("lease_ms", String.valueOf(settings.leaseTimeout().toMillis()));
        fields.put("heartbeat_ms", String.valueOf(settings.heartbeatInterval().toMillis()));
        fields.put("tasks", String.join(",", tasks));
        return fields;
    }

    Duration runOnce() {
        Map<String, String> fields = new LinkedHashMap<>(staticFields);
        fields.putAll(liveFields.get());
        boolean existed = broker.heartbeat(worker, clock.instant(), fields);
        if (registered && !existed) {
            log.atError().addKeyValue("worker", worker)
                    .log("lease lost: this worker was taken for dead and its in-flight messages were requeued; running tasks may run twice");
        }
        registered = true;
        return interval;
    }
}
