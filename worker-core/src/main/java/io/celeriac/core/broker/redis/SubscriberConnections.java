package io.celeriac.core.broker.redis;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** What the subscriber loops ({@link RedisWatch}, {@link RedisChannels}) share about their dedicated connections. */
final class SubscriberConnections {
    private static final Logger log = LoggerFactory.getLogger(SubscriberConnections.class);

    private SubscriberConnections() {
    }

    /** A read that timed out: the silence the loop reconnects after, not an error. */
    static boolean isTimeout(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The backoff between reconnects. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closing is best effort: the subscriber may be closing the same socket at that moment, and
     * Jedis then throws from its goodbye write. A connection that failed to say goodbye is still closed.
     */
    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (RuntimeException e) {
            // the socket is gone either way
        }
    }

    /**
     * A subscribed connection that {@link KeepAlive} pings from another thread while its reader
     * reads: the reader must read with {@code getUnflushedObject()} and never flush, the pinger
     * writes and flushes alone. Each read updates {@link #heard()}, a pong included.
     */
    static final class Pingable extends Connection {
        private volatile long heardNanos = System.nanoTime();
        private boolean closing;

        Pingable(HostAndPort address, JedisClientConfig config) {
            super(address, config);
        }

        /**
         * No read timeout from now on: silence is normal, the keep-alive finds a dead line. Unlike
         * Jedis's {@code setTimeoutInfinite()}, never reconnects a connection closed meanwhile (a
         * resubscribe, a close), which would leave its reader on a fresh, unsubscribed socket.
         */
        void readWithoutTimeout() {
            setSoTimeout(0);
        }

        /** Closed for good: a command racing with it must not reconnect it (Jedis connects on send). */
        @Override
        public synchronized void close() {
            closing = true;
            super.close();
        }

        /**
         * Connects once. Jedis would connect again for any command sent after a close: a subscriber
         * closed to resubscribe (or found half dead) would then go on, unsubscribed or with the old
         * set, on a socket nobody closes; its loop must make a new connection instead.
         */
        @Override
        public synchronized void connect() {
            if (closing) {
                throw new JedisConnectionException("the subscriber connection is closed");
            }
            super.connect();
        }

        /** The next message, without flushing; a pong comes back as {@code ["pong", ""]}. */
        Object read() {
            Object message = getUnflushedObject();
            heardNanos = System.nanoTime();
            return message;
        }

        long heard() {
            return heardNanos;
        }

        synchronized void sendPing() {
            sendCommand(Protocol.Command.PING);
            flush();
        }

        static boolean isPong(Object message) {
            return message instanceof java.util.List<?> parts && !parts.isEmpty() && parts.get(0) instanceof byte[] kind
                    && java.util.Arrays.equals(kind, "pong".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    /**
     * Keeps a quiet subscribed connection checked without reconnecting it (a reconnect costs several
     * commands, and loses what is published meanwhile): every {@code every} of silence a PING; when
     * the previous one had no answer by then, the line is half dead and is closed, so its reader
     * fails and reconnects. One virtual thread per connection, stopped by {@link #close()}.
     */
    static final class KeepAlive implements AutoCloseable {
        private final Thread pinger;
        private volatile boolean stopped;

        KeepAlive(Pingable connection, Duration every) {
            this.pinger = Thread.ofVirtual().name("celeriac-keepalive").start(() -> run(connection, every));
        }

        private void run(Pingable connection, Duration every) {
            long pinged = 0;
            while (!stopped) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                if (stopped) {
                    return;
                }
                long heard = connection.heard();
                if (System.nanoTime() - heard < every.toNanos()) {
                    continue; // the line spoke lately: nothing to prove
                }
                if (pinged != 0 && heard - pinged < 0) {
                    log.atDebug().log("a subscriber did not answer a ping; reconnecting");
                    closeQuietly(connection);
                    return;
                }
                try {
                    // noted before sending: the pong may be read before this thread runs again
                    pinged = System.nanoTime();
                    connection.sendPing();
                } catch (RuntimeException e) {
                    closeQuietly(connection);
                    return;
                }
            }
        }

        @Override
        public void close() {
            stopped = true;
            pinger.interrupt();
        }
    }
}
