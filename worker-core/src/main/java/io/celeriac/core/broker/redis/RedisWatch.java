package io.celeriac.core.broker.redis;

import static io.celeriac.core.broker.redis.SubscriberConnections.closeQuietly;
import static io.celeriac.core.broker.redis.SubscriberConnections.isTimeout;
import static io.celeriac.core.broker.redis.SubscriberConnections.sleep;

import io.celeriac.core.broker.Broker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.CommandArguments;

import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;

/**
 * Wakes an idle fetcher the moment a list it consumes changes, without taking anything from it:
 * Redis's client tracking (6.0+), in its RESP2 form.
 *
 * <ol>
 *   <li>a subscriber connection (its own platform thread) subscribes to {@code __redis__:invalidate}
 *       and every message on it calls {@code onChange};</li>
 *   <li>a tracking connection has {@code CLIENT TRACKING on REDIRECT <subscriber>}; {@link #arm()}
 *       reads every source list's length on it (watch-n.lua), which makes Redis remember them;</li>
 *   <li>the next write to any of them, by any client, sends one invalidation: the fetcher wakes,
 *       fetches, and arms again when the lists are empty.</li>
 * </ol>
 *
 * <p>Why not a blocking pop (BLMOVE), as before: it hands over the message itself, so an idle
 * worker received any message whole, however large, before it could look at its size; and it held
 * a connection and a thread per list. Here every message leaves Redis through the fetch script,
 * which refuses oversized ones there.
 *
 * <p>The subscriber reconnects after a silence of {@code recheck} (the connection may be half
 * dead without knowing) and after any error; each reconnect wakes the fetcher, which looks and
 * re-arms. While the subscriber is down {@link #live()} is false and the fetcher polls instead.
 */
final class RedisWatch implements Broker.Watch {
    private static final Logger log = LoggerFactory.getLogger(RedisWatch.class);
    private static final byte[] CHANNEL = "__redis__:invalidate".getBytes(StandardCharsets.US_ASCII);

    private final DirectRedis direct;
    private final List<byte[]> lists;
    private final Runnable onChange;
    private final Duration recheck;
    private final Thread subscriber;
    private volatile boolean closed;
    /** The subscriber's CLIENT ID while it is subscribed, else -1. */
    private volatile long redirectTo = -1;
    private volatile Connection listening;
    private Connection tracking;
    private long trackingRedirect = -1;
    private boolean unsupportedLogged;

    RedisWatch(DirectRedis direct, List<byte[]> lists, Runnable onChange, Duration recheck) {
        this.direct = direct;
        this.lists = List.copyOf(lists);
        this.onChange = onChange;
        this.recheck = recheck;
        this.subscriber = Thread.ofPlatform().daemon().name("celeriac-watch").stackSize(256 * 1024).start(this::listen);
    }

    @Override
    public boolean live() {
        return redirectTo >= 0 && trackingRedirect == redirectTo;
    }

    /**
     * Arms tracking for the lists and returns whether any holds a message. Called by the one
     * fetcher thread. Throws when Redis cannot be reached; while the subscriber is not connected
     * arms nothing and returns false ({@link #live()} tells the caller to poll meanwhile).
     */
    @Override
    public synchronized boolean arm() {
        long target = redirectTo;
        if (target < 0) {
            return false;
        }
        try {
            if (tracking == null || trackingRedirect != target) {
                closeTracking();
                tracking = direct.dedicatedConnection(5_000);
                tracking.executeCommand(new CommandArguments(Protocol.Command.CLIENT).add("TRACKING").add("on")
                        .add("REDIRECT").add(target));
                trackingRedirect = target;
            }
            Object waiting = direct.eval(tracking, LuaScripts.WATCH, lists, List.of());
            return waiting instanceof Long n && n > 0;
        } catch (RuntimeException e) {
            closeTracking();
            if (!unsupportedLogged && String.valueOf(e.getMessage()).contains("TRACKING")) {
                unsupportedLogged = true;
                log.atWarn().addKeyValue("error", e.getMessage())
                        .log("this Redis cannot track keys (CLIENT TRACKING): idle workers poll for messages instead");
            }
            throw e;
        }
    }

    private void listen() {
        long backoffMillis = 100;
        while (!closed) {
            try (Connection connection = direct.dedicatedConnection((int) recheck.toMillis())) {
                listening = connection;
                if (closed) {
                    return;
                }
                long id = (Long) connection.executeCommand(new CommandArguments(Protocol.Command.CLIENT).add("ID"));
                connection.sendCommand(Protocol.Command.SUBSCRIBE, CHANNEL);
                connection.getOne();
                redirectTo = id;
                backoffMillis = 100;
                // anything written while no one listened: the fetcher looks, then arms for this subscriber
                onChange.run();
                while (!closed) {
                    connection.getOne();
                    onChange.run();
                }
            } catch (RuntimeException e) {
                redirectTo = -1;
                if (closed) {
                    return;
                }
                // a silence of a whole recheck period ends here too: reconnecting proves the line is alive
                if (!isTimeout(e)) {
                    log.atDebug().addKeyValue("error", e.toString()).log("watch connection lost; reconnecting");
                    onChange.run();
                    sleep(backoffMillis);
                    backoffMillis = Math.min(5_000, backoffMillis * 2);
                }
            }
        }
    }

    private void closeTracking() {
        if (tracking != null) {
            closeQuietly(tracking);
            tracking = null;
            trackingRedirect = -1;
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection connection = listening;
        if (connection != null) {
            // unblocks the subscriber's read: a thread blocked on a socket does not see interrupts
            closeQuietly(connection);
        }
        synchronized (this) {
            closeTracking();
        }
    }

}
