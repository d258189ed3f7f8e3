package io.celeriac.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.broker.redis.KombuEnvelope;
import io.celeriac.core.broker.redis.RedisFanout;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.internal.Ids;
import io.celeriac.core.internal.NodeName;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Celery events for one node, never on the caller's time.
 *
 * <p>One cycle ({@link #runOnce()}):
 * <ol>
 *   <li>take everything buffered since the last cycle (the buffer is bounded: when Redis cannot
 *       keep up, new events are dropped and counted, and the first drop is logged; a task never
 *       waits for its events);</li>
 *   <li>wrap task events in {@code task.multi} messages of up to {@link #MULTI_LIMIT}, as a Python
 *       worker batches them, and each worker event in its own ({@code worker.heartbeat} ...);</li>
 *   <li>publish them all in one pipelined round trip.</li>
 * </ol>
 * Events go out by PUBLISH: a receiver that stops reading is Redis's output buffer to drop, never
 * this worker's problem.
 */
public final class EventPublisher {
    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
    static final int CAPACITY = 8192;
    /**
     * Task events per {@code task.multi} message. A Python worker sends at most 24; one message per
     * cycle grew to a megabyte on a busy worker (3,000 events), and its copies, with the events
     * waiting for it, pushed a 64 MB heap into full collections (JFR: 0.7 s of pauses in an 8 s
     * drain). At 100 a message stays near 30 KB and a worker at 10k tasks/s publishes ~300 a second,
     * still in one pipelined round trip per cycle.
     */
    static final int MULTI_LIMIT = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An event waiting for the next cycle, already written as JSON on the sender's thread: a few
     * hundred bytes in one array instead of a tree of maps and nodes, so the thousands a busy worker
     * buffers per cycle stay small when a young collection finds them.
     */
    private record Buffered(String type, byte[] json) {
    }

    private final RedisFanout fanout;
    private final String hostname;
    private final Clock clock;
    private final LamportClock lamport;
    private final RandomGenerator random;
    private final BlockingQueue<Buffered> buffer;
    private final AtomicBoolean taskEvents = new AtomicBoolean();
    private final AtomicBoolean dropping = new AtomicBoolean();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder sent = new LongAdder();

    public EventPublisher(RedisFanout fanout, String hostname, Clock clock, LamportClock lamport, RandomGenerator random,
                          int capacity) {
        this.fanout = fanout;
        this.hostname = hostname;
        this.clock = clock;
        this.lamport = lamport;
        this.random = random;
        this.buffer = new ArrayBlockingQueue<>(capacity);
    }

    public EventPublisher(RedisFanout fanout, String hostname, Clock clock, LamportClock lamport, RandomGenerator random) {
        this(fanout, hostname, clock, lamport, random, CAPACITY);
    }

    public String hostname() {
        return hostname;
    }

    /** Whether task events are sent (Celery's {@code -E}, {@code enable_events}); worker events always are. */
    public boolean taskEvents() {
        return taskEvents.get();
    }

    /** Turns task events on or off; says whether that changed anything. */
    public boolean taskEvents(boolean enabled) {
        return taskEvents.getAndSet(enabled) != enabled;
    }

    /** Events dropped because the buffer was full. */
    public long dropped() {
        return dropped.sum();
    }

    /** Events published. */
    public long sent() {
        return sent.sum();
    }

    /**
     * Buffers an event of {@code type} ({@code task-succeeded}, {@code worker-heartbeat} ...) with
     * Celery's common fields around {@code fields}: hostname, utcoffset, pid, clock first,
     * timestamp and type last.
     */
    public void send(String type, ObjectNode fields) {
        if (type.startsWith("task-") && !taskEvents.get()) {
            return;
        }
        if (buffer.offer(new Buffered(type, json(event(type, fields))))) {
            return;
        }
        dropped.increment();
        if (dropping.compareAndSet(false, true)) {
            log.atWarn().addKeyValue("capacity", buffer.remainingCapacity() + buffer.size())
                    .log("event buffer full: events are dropped until Redis keeps up (tasks are not affected)");
        }
    }

    /**
     * Publishes events of one {@code type} now, on the caller's thread, each in its own message
     * routed by its type ({@code task.sent}), all in one pipelined round trip: how Celery's client
     * sends {@code task-sent} right after the task. Not subject to {@link #taskEvents()}: the
     * caller decides (Celery's {@code task_send_sent_event}).
     */
    public void publishNow(String type, List<ObjectNode> fieldsList) {
        List<Map.Entry<String, byte[]>> messages = new ArrayList<>(fieldsList.size());
        String routingKey = type.replace('-', '.');
        for (ObjectNode fields : fieldsList) {
            messages.add(message(routingKey, json(event(type, fields))));
        }
        fanout.publishAll(messages);
        sent.add(messages.size());
    }

    /** Celery's event: hostname, utcoffset, pid, clock first, then the fields, timestamp and type last. */
    private ObjectNode event(String type, ObjectNode fields) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("hostname", hostname);
        event.put("utcoffset", utcoffset());
        event.put("pid", NodeName.pid());
        event.put("clock", lamport.forward());
        event.setAll(fields);
        event.put("timestamp", clock.millis() / 1000.0);
        event.put("type", type);
        return event;
    }

    /** Publishes what is buffered; the next cycle is soon, since events are live. */
    public Duration runOnce() {
        List<Buffered> events = new ArrayList<>();
        buffer.drainTo(events);
        if (!events.isEmpty()) {
            publish(events);
        }
        return Duration.ofMillis(100);
    }

    private void publish(List<Buffered> events) {
        List<Map.Entry<String, byte[]>> messages = new ArrayList<>();
        ByteArrayOutputStream tasks = new ByteArrayOutputStream();
        int inBatch = 0;
        for (Buffered event : events) {
            if (!event.type().startsWith("task-")) {
                messages.add(message(event.type().replace('-', '.'), event.json()));
                continue;
            }
            // a JSON array of the events, as written: Python's json reads it as the list it sent
            tasks.write(inBatch == 0 ? '[' : ',');
            tasks.writeBytes(event.json());
            if (++inBatch == MULTI_LIMIT) {
                tasks.write(']');
                messages.add(message("task.multi", tasks.toByteArray()));
                tasks.reset();
                inBatch = 0;
            }
        }
        if (inBatch > 0) {
            tasks.write(']');
            messages.add(message("task.multi", tasks.toByteArray()));
        }
        fanout.publishAll(messages);
        sent.add(events.size());
        dropping.set(false);
    }

    private Map.Entry<String, byte[]> message(String routingKey, byte[] body) {
        ObjectNode headers = JsonNodeFactory.instance.objectNode().put("hostname", hostname);
        byte[] envelope = KombuEnvelope.writeBytes(body, headers, RedisKeys.EVENT_EXCHANGE, routingKey, Ids.uuid(random), false);
        return new SimpleEntry<>(fanout.channel(RedisKeys.EVENT_EXCHANGE, routingKey), envelope);
    }

    private static byte[] json(ObjectNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event of plain values always serialises", e);
        }
    }

    /** Celery's utcoffset: hours west of UTC, now. */
    private long utcoffset() {
        return Math.floorDiv(-ZoneId.systemDefault().getRules().getOffset(clock.instant()).getTotalSeconds(), 3600);
    }
}
