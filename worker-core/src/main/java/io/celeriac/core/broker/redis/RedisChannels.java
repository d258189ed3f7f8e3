package io.celeriac.core.broker.redis;

import static io.celeriac.core.broker.redis.SubscriberConnections.closeQuietly;
import static io.celeriac.core.broker.redis.SubscriberConnections.isTimeout;
import static io.celeriac.core.broker.redis.SubscriberConnections.sleep;

import io.celeriac.core.broker.redis.SubscriberConnections.Pingable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;

/**
 * Redis pub/sub on one connection of the broker's own client: every channel and pattern the
 * process listens to (revocations, remote control, events) shares one subscriber connection and
 * one platform thread, started by the first subscription.
 *
 * <ol>
 *   <li>the subscriber connects, SUBSCRIBEs every wanted channel and PSUBSCRIBEs every pattern,
 *       then reads messages and hands each to its listeners;</li>
 *   <li>a new subscription (rare: a process subscribes as it starts) reconnects it with the new
 *       set, and {@link #subscribe} returns once Redis confirmed it, so a caller that subscribes
 *       and then reads state misses nothing published after it returned;</li>
 *   <li>a silence of {@code recheck} is checked with a PING ({@link SubscriberConnections.KeepAlive}):
 *       a line that does not answer is half dead, and it and any error reconnect; errors back off
 *       up to 5 s. A quiet line is pinged rather than reconnected: a reconnect costs Redis several
 *       commands, every process pays it, and what is published meanwhile is lost.</li>
 * </ol>
 * Listeners run on the subscriber thread: they must be quick and must not throw (a throw is logged).
 */
final class RedisChannels implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisChannels.class);
    private static final Duration CONFIRM = Duration.ofSeconds(5);

    private final DirectRedis direct;
    private final Duration recheck;
    private final Map<String, List<BiConsumer<String, String>>> channels = new ConcurrentHashMap<>();
    private final Map<String, List<BiConsumer<String, String>>> patterns = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private Thread subscriber;
    private volatile Connection listening;
    private volatile boolean closed;
    /** Bumped by every change of the wanted set; the subscriber records the one it subscribed. */
    private long wanted;
    private long subscribed = -1;

    RedisChannels(DirectRedis direct, Duration recheck) {
        this.direct = direct;
        this.recheck = recheck;
    }

    /** Listens on {@code channel} (listener gets channel, message) until the handle is closed. */
    AutoCloseable subscribe(String channel, BiConsumer<String, String> listener) {
        return add(channels, channel, listener);
    }

    /** Listens on every channel matching a glob pattern (listener gets channel, message). */
    AutoCloseable psubscribe(String pattern, BiConsumer<String, String> listener) {
        return add(patterns, pattern, listener);
    }

    private AutoCloseable add(Map<String, List<BiConsumer<String, String>>> registry, String name,
                              BiConsumer<String, String> listener) {
        boolean fresh;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the Redis subscriber is closed");
            }
            List<BiConsumer<String, String>> listeners = registry.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
            fresh = listeners.isEmpty();
            listeners.add(listener);
            if (fresh) {
                wanted++;
                restart();
            }
            awaitSubscribed(wanted);
        }
        return () -> {
            synchronized (lock) {
                List<BiConsumer<String, String>> listeners = registry.get(name);
                if (listeners != null && listeners.remove(listener) && listeners.isEmpty()) {
                    registry.remove(name);
                }
            }
        };
    }

    /** Starts the subscriber, or drops its connection so that it reconnects with the wanted set. */
    private void restart() {
        if (subscriber == null) {
            subscriber = Thread.ofPlatform().daemon().name("celeriac-pubsub").stackSize(256 * 1024).start(this::listen);
        } else {
            closeQuietly(listening);
        }
    }

    private void awaitSubscribed(long generation) {
        long deadline = System.nanoTime() + CONFIRM.toNanos();
        try {
            while (subscribed < generation && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    // Redis is away: the subscriber subscribes when it is back; the caller goes on
                    return;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listen() {
        long backoffMillis = 100;
        while (!closed) {
            long generation;
            List<String> channelNames;
            List<String> patternNames;
            synchronized (lock) {
                generation = wanted;
                channelNames = new ArrayList<>(channels.keySet());
                patternNames = new ArrayList<>(patterns.keySet());
            }
            try (Pingable connection = direct.dedicatedConnection((int) recheck.toMillis(), Pingable::new)) {
                listening = connection;
                if (closed) {
                    return;
                }
                int confirmations = channelNames.size() + patternNames.size();
                if (!channelNames.isEmpty()) {
                    connection.sendCommand(Protocol.Command.SUBSCRIBE, channelNames.toArray(String[]::new));
                }
                if (!patternNames.isEmpty()) {
                    connection.sendCommand(Protocol.Command.PSUBSCRIBE, patternNames.toArray(String[]::new));
                }
                // each name is confirmed by its own reply; messages may already arrive in between
                for (int confirmed = 0; confirmed < confirmations; ) {
                    Object reply = connection.getOne();
                    if (isConfirmation(reply)) {
                        confirmed++;
                    } else {
                        dispatch(reply);
                    }
                }
                confirm(generation);
                backoffMillis = 100;
                // from now on silence is normal: the keep-alive finds a dead line by its missing pong
                connection.readWithoutTimeout();
                try (SubscriberConnections.KeepAlive keepAlive = new SubscriberConnections.KeepAlive(connection, recheck)) {
                    while (!closed) {
                        dispatch(connection.read());
                    }
                }
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                synchronized (lock) {
                    if (wanted != generation) {
                        continue; // dropped on purpose: reconnect with the new set at once
                    }
                }
                if (!isTimeout(e)) {
                    log.atDebug().addKeyValue("error", e.toString()).log("pub/sub connection lost; reconnecting");
                    sleep(backoffMillis);
                    backoffMillis = Math.min(5_000, backoffMillis * 2);
                }
            }
        }
    }

    private void confirm(long generation) {
        synchronized (lock) {
            subscribed = Math.max(subscribed, generation);
            lock.notifyAll();
        }
    }

    /** A message ({@code message}, channel, payload) or pattern message ({@code pmessage}, pattern, channel, payload). */
    private void dispatch(Object reply) {
        if (!(reply instanceof List<?> parts) || parts.isEmpty()) {
            return;
        }
        String kind = text(parts.get(0));
        if ("message".equals(kind) && parts.size() == 3) {
            deliver(channels.get(text(parts.get(1))), text(parts.get(1)), text(parts.get(2)));
        } else if ("pmessage".equals(kind) && parts.size() == 4) {
            deliver(patterns.get(text(parts.get(1))), text(parts.get(2)), text(parts.get(3)));
        }
    }

    private static boolean isConfirmation(Object reply) {
        return reply instanceof List<?> parts && !parts.isEmpty()
                && ("subscribe".equals(text(parts.get(0))) || "psubscribe".equals(text(parts.get(0))));
    }

    private static void deliver(List<BiConsumer<String, String>> listeners, String channel, String message) {
        if (listeners == null) {
            return;
        }
        for (BiConsumer<String, String> listener : listeners) {
            try {
                listener.accept(channel, message);
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("channel", channel).addKeyValue("error", e.toString()).log("a pub/sub listener failed");
            }
        }
    }

    private static String text(Object part) {
        return part instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(part);
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        closeQuietly(listening);
    }
}
