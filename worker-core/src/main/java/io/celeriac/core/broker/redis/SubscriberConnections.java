package io.celeriac.core.broker.redis;

import redis.clients.jedis.Connection;

/** What the subscriber loops ({@link RedisWatch}, {@link RedisChannels}) share about their dedicated connections. */
final class SubscriberConnections {
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
}
