package io.celeriac.core.broker.redis;

import static io.celeriac.core.broker.redis.SubscriberConnections.closeQuietly;
import static io.celeriac.core.broker.redis.SubscriberConnections.sleep;

import io.celeriac.core.broker.Broker;
import io.celeriac.core.broker.redis.SubscriberConnections.Pingable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;

/**
 * Wakes an idle loop the moment what it waits on changes, without taking anything: Redis's client
 * tracking (6.0+), in its RESP2 form.
 *
 * <ol>
 *   <li>a subscriber connection (its own platform thread) subscribes to {@code __redis__:invalidate}
 *       and every invalidation on it calls {@code onChange};</li>
 *   <li>a tracking connection has {@code CLIENT TRACKING on REDIRECT <subscriber>}. For a fetcher's
 *       lists ({@link #ofLists}), {@link #arm()} reads every list's length on it (watch-n.lua), which
 *       makes Redis remember them until the next write; for the forwarder's delayed set
 *       ({@link #ofPrefix}), broadcasting mode reports every write to keys with that prefix,
 *       with nothing to read;</li>
 *   <li>the next write by any client (a Python client's LPUSH included) sends one invalidation: the
 *       loop wakes, looks, and arms again when it goes back to sleep.</li>
 * </ol>
 *
 * <p>Why not a blocking pop (BLMOVE), as before: it hands over the message itself, so an idle
 * worker received any message whole, however large, before it could look at its size; and it held
 * a connection and a thread per list. Here every message leaves Redis through the fetch script,
 * which refuses oversized ones there.
 *
 * <p>Idle, a watch costs Redis two PINGs per quiet spell of {@code recheck}: the subscriber is
 * pinged ({@link SubscriberConnections.KeepAlive}: one that does not answer is half dead and
 * reconnects), and {@link #check()}, which the loop calls after such a spell, pings the tracking
 * connection (which keeps it open past a server's idle {@code timeout}, and finds it gone).
 * Reconnecting, or any error, wakes the loop, which looks and re-arms (a new subscriber has a new
 * id, so tracking must be set up again, and a list watch read again): that is why a quiet
 * subscriber is pinged rather than reconnected. While the subscriber is down {@link #live()} is
 * false and the loop polls.
 */
final class RedisWatch implements Broker.Watch {
    private static final Logger log = LoggerFactory.getLogger(RedisWatch.class);
    private static final byte[] CHANNEL = "__redis__:invalidate".getBytes(StandardCharsets.US_ASCII);

    private final DirectRedis direct;
    /** The lists to read when arming, or null in broadcasting mode. */
    private final List<byte[]> lists;
    /** The key prefix of broadcasting mode, or null. */
    private final byte[] prefix;
    private final Runnable onChange;
    private final Duration recheck;
    private final Thread subscriber;
    private volatile boolean closed;
    /** The subscriber's CLIENT ID while it is subscribed, else -1. */
    private volatile long redirectTo = -1;
    private volatile Pingable listening;
    private Connection tracking;
    private long trackingRedirect = -1;
    private boolean unsupportedLogged;

    private RedisWatch(DirectRedis direct, List<byte[]> lists, byte[] prefix, Runnable onChange, Duration recheck) {
        this.direct = direct;
        this.lists = lists == null ? null : List.copyOf(lists);
        this.prefix = prefix;
        this.onChange = onChange;
        this.recheck = recheck;
        this.subscriber = Thread.ofPlatform().daemon().name("celeriac-watch").stackSize(256 * 1024).start(this::listen);
    }

    /** Watches lists for a fetcher: {@link #arm()} reads them and says whether any holds a message. */
    static RedisWatch ofLists(DirectRedis direct, List<byte[]> lists, Runnable onChange, Duration recheck) {
        return new RedisWatch(direct, lists, null, onChange, recheck);
    }

    /** Watches every key starting with {@code prefix} for writes; {@link #arm()} reads nothing. */
    static RedisWatch ofPrefix(DirectRedis direct, byte[] prefix, Runnable onChange, Duration recheck) {
        return new RedisWatch(direct, null, prefix, onChange, recheck);
    }

    @Override
    public boolean live() {
        return redirectTo >= 0 && trackingRedirect == redirectTo;
    }

    /**
     * Arms tracking and, for lists, returns whether any holds a message. Called by the one loop
     * thread. Throws when Redis cannot be reached; while the subscriber is not connected arms
     * nothing and returns false ({@link #live()} tells the caller to poll meanwhile).
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
                tracking.executeCommand(trackingOn(target));
                trackingRedirect = target;
            }
            if (lists == null) {
                return false;
            }
            Object waiting = direct.eval(tracking, LuaScripts.WATCH, lists, List.of());
            return waiting instanceof Long n && n > 0;
        } catch (RuntimeException e) {
            closeTracking();
            if (movedAway(e)) {
                // on a cluster, the slot moved to another node: the subscriber must follow it there,
                // since tracking redirects only to a client of the same node
                Connection stale = listening;
                if (stale != null) {
                    closeQuietly(stale);
                }
            }
            if (!unsupportedLogged && String.valueOf(e.getMessage()).contains("TRACKING")) {
                unsupportedLogged = true;
                log.atWarn().addKeyValue("error", e.getMessage())
                        .log("this Redis cannot track keys (CLIENT TRACKING): idle workers poll instead");
            }
            throw e;
        }
    }

    /** A redirection, or a subscriber the tracking connection's node does not know: the slot is served elsewhere now. */
    private static boolean movedAway(RuntimeException e) {
        return e instanceof redis.clients.jedis.exceptions.JedisRedirectionException
                || String.valueOf(e.getMessage()).contains("redirect to does not exist");
    }

    private CommandArguments trackingOn(long target) {
        CommandArguments command = new CommandArguments(Protocol.Command.CLIENT).add("TRACKING").add("on")
                .add("REDIRECT").add(target);
        // broadcasting: every write to a key with the prefix is reported, whether it was read or not
        return prefix == null ? command : command.add("BCAST").add("PREFIX").add(prefix);
    }

    /** Whether the watch still holds: it is live, and the tracking connection answers a PING now. */
    @Override
    public synchronized boolean check() {
        if (!live() || tracking == null) {
            return false;
        }
        try {
            tracking.executeCommand(new CommandArguments(Protocol.Command.PING));
            return live();
        } catch (RuntimeException e) {
            closeTracking();
            return false;
        }
    }

    private void listen() {
        long backoffMillis = 100;
        while (!closed) {
            try (Pingable connection = direct.dedicatedConnection((int) recheck.toMillis(), Pingable::new)) {
                listening = connection;
                if (closed) {
                    return;
                }
                long id = (Long) connection.executeCommand(new CommandArguments(Protocol.Command.CLIENT).add("ID"));
                connection.sendCommand(Protocol.Command.SUBSCRIBE, CHANNEL);
                connection.getOne();
                // from now on silence is normal; the keep-alive finds a dead line by its missing pong
                connection.readWithoutTimeout();
                redirectTo = id;
                backoffMillis = 100;
                // anything written while no one listened: the loop looks, then arms for this subscriber
                onChange.run();
                try (SubscriberConnections.KeepAlive keepAlive = new SubscriberConnections.KeepAlive(connection, recheck)) {
                    receive(connection);
                }
            } catch (RuntimeException e) {
                redirectTo = -1;
                if (closed) {
                    return;
                }
                log.atDebug().addKeyValue("error", e.toString()).log("watch connection lost; reconnecting");
                onChange.run();
                sleep(backoffMillis);
                backoffMillis = Math.min(5_000, backoffMillis * 2);
            }
        }
    }

    /** Reads invalidations (and the keep-alive's pongs) until the connection fails. */
    private void receive(Pingable connection) {
        while (!closed) {
            if (!Pingable.isPong(connection.read())) {
                onChange.run();
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
