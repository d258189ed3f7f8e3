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
 *   <li>renew the lease (heartbeat-2.lua), writing the record only when it changed since the last
 *       write (an idle worker's does not) or a minute has passed; the script tells when the record
 *       had vanished, and then it is written at once;</li>
 *   <li>if it had vanished after the first beat, the worker was taken for dead (a pause longer
 *       than the lease): its in-flight messages went back to the queues, so tasks it is running now
 *       may run twice; say so loudly, and carry on under the renewed lease;</li>
 *   <li>with a forwarder: renew the fleet's forwarding lease when this worker holds it, and tell
 *       the forwarder who does (a standby learns here that the lease is free).</li>
 * </ol>
 */
final class Heartbeat {
    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);
    /** Beats between two writes of an unchanged record: it is rewritten anyway now and then. */
    static final int REWRITE_EVERY = 12;

    private final Broker broker;
    private final String worker;
    private final Clock clock;
    private final Map<String, String> staticFields;
    private final Supplier<Map<String, String>> liveFields;
    private final Duration interval;
    private DelayedForwarder forwarder;
    private boolean registered;
    private Map<String, String> written = Map.of();
    private int unwrittenBeats;

    Heartbeat(Broker broker, String worker, Clock clock, Map<String, String> staticFields,
              Supplier<Map<String, String>> liveFields, Duration interval) {
        this.broker = broker;
        this.worker = worker;
        this.clock = clock;
        this.staticFields = Map.copyOf(staticFields);
        this.liveFields = liveFields;
        this.interval = interval;
    }

    /** Beats also keep (or report on) the forwarding lease for {@code forwarder}. */
    Heartbeat keepingForwardingLease(DelayedForwarder forwarder) {
        this.forwarder = forwarder;
        return this;
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
        boolean write = !fields.equals(written) || unwrittenBeats >= REWRITE_EVERY - 1;
        Duration lease = forwarder == null ? null : forwarder.lease();
        Broker.Beat beat = broker.heartbeat(worker, clock.instant(), write ? fields : Map.of(), write, lease);
        boolean existed = beat.existed();
        if (!existed && !write) {
            // the record had gone (taken for dead): write it whole now, not a minute later
            beat = broker.heartbeat(worker, clock.instant(), fields, true, lease);
            write = true;
        }
        if (write) {
            written = fields;
            unwrittenBeats = 0;
        } else {
            unwrittenBeats++;
        }
        if (registered && !existed) {
            log.atError().addKeyValue("worker", worker)
                    .log("lease lost: this worker was taken for dead and its in-flight messages were requeued; running tasks may run twice");
        }
        registered = true;
        if (forwarder != null) {
            forwarder.leaseSeen(beat.forwarding());
        }
        return interval;
    }
}
