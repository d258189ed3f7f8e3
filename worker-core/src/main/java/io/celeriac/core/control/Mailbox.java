package io.celeriac.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.broker.redis.KombuEnvelope;
import io.celeriac.core.broker.redis.RedisFanout;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.events.LamportClock;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's pidbox: where Celery's remote-control broadcasts reach it.
 *
 * <p>It declares its node queue {@code <node>.celery.pidbox} in kombu's binding set and subscribes
 * to the exchange's fanout channel, as a Python worker does. For each message ({@link #handle}):
 * <ol>
 *   <li>read the kombu envelope and the request (a malformed one is skipped);</li>
 *   <li>move the logical clock past the sender's; drop the request if its {@code expires} passed;</li>
 *   <li>skip it unless addressed to this node (destination, pattern/matcher) or when its ticket
 *       was already answered;</li>
 *   <li>run the command and, when the sender wants a reply, send it to the reply queue.</li>
 * </ol>
 * Messages are handled one at a time off the Redis client's thread; anything that goes wrong is
 * logged (the first of each kind per minute) and the mailbox carries on.
 */
public final class Mailbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Mailbox.class);
    private static final int REMEMBERED_TICKETS = 1024;
    private static final long LOG_EVERY_MILLIS = 60_000;

    private final RedisFanout fanout;
    private final String node;
    private final Commands commands;
    private final LamportClock lamport;
    private final Clock clock;
    private final Replies replies;
    private final Set<String> answered = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_TICKETS;
        }
    });
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor handler;
    private AutoCloseable subscription;

    public Mailbox(RedisFanout fanout, String node, Commands commands, LamportClock lamport, Clock clock, RandomGenerator random) {
        this.fanout = fanout;
        this.node = node;
        this.commands = commands;
        this.lamport = lamport;
        this.clock = clock;
        this.replies = new Replies(fanout, node, lamport, random);
        this.handler = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(256),
                Thread.ofVirtual().name("celeriac-mailbox").factory(),
                (task, pool) -> warn("overflow", "remote-control messages arrive faster than they are handled; one was dropped", null));
    }

    /** Joins the pidbox exchange; commands are answered from now on. */
    public Mailbox start() {
        fanout.bind(RedisKeys.PIDBOX_EXCHANGE, RedisKeys.pidboxBindingMember(node));
        subscription = fanout.subscribe(fanout.channel(RedisKeys.PIDBOX_EXCHANGE, ""),
                message -> handler.execute(() -> handle(message)));
        return this;
    }

    /** Handles one message from the pidbox channel (tests call it directly). */
    public void handle(String message) {
        ControlRequest request;
        try {
            KombuEnvelope envelope = KombuEnvelope.parse(message);
            JsonNode clockHeader = envelope.headers().path("clock");
            if (clockHeader.canConvertToLong()) {
                lamport.adjust(clockHeader.asLong());
            }
            JsonNode expires = envelope.headers().path("expires");
            if (expires.isNumber() && expires.asDouble() * 1000 < clock.millis()) {
                return;
            }
            request = ControlRequest.of(envelope.body());
        } catch (RuntimeException e) {
            warn("malformed", "skipped a malformed remote-control message", e);
            return;
        }
        if (!request.addressedTo(node) || request.ticket() != null && !firstTime(request.ticket())) {
            return;
        }
        JsonNode reply = commands.dispatch(request);
        if (reply == null || request.ticket() == null || request.replyTo() == null) {
            return;
        }
        try {
            if (!replies.send(request, reply)) {
                warn("gone", "the client of a remote-control command had gone; its reply was dropped", null);
            }
        } catch (RuntimeException e) {
            warn("reply", "could not send a remote-control reply", e);
        }
    }

    private boolean firstTime(String ticket) {
        synchronized (answered) {
            return answered.add(ticket);
        }
    }

    private void warn(String kind, String message, Exception error) {
        long now = clock.millis();
        Long last = lastLogged.get(kind);
        if (last == null || now - last >= LOG_EVERY_MILLIS) {
            lastLogged.put(kind, now);
            log.atWarn().addKeyValue("node", node).addKeyValue("error", error == null ? null : error.toString()).log(message);
        }
    }

    @Override
    public void close() {
        try {
            if (subscription != null) {
                subscription.close();
            }
            fanout.unbind(RedisKeys.PIDBOX_EXCHANGE, RedisKeys.pidboxBindingMember(node));
        } catch (Exception e) {
            log.atDebug().addKeyValue("error", e.toString()).log("could not leave the pidbox exchange");
        }
        handler.shutdown();
    }
}
