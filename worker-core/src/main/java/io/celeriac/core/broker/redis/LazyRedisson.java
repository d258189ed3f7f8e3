package io.celeriac.core.broker.redis;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.redisson.api.RedissonClient;

/**
 * Redisson, connected when something first needs it: the pub/sub listeners (revocations, result
 * waits, remote control) and the beat. A command that needs none of them (status, send, the
 * worker's fetch path) never starts its event loops, which took about 0.45 s of a 1.2 s
 * {@code celeriac status} (measured).
 */
public final class LazyRedisson implements Supplier<RedissonClient>, AutoCloseable {
    private final RedisUrl url;
    private final int poolSize;
    private volatile RedissonClient client;
    private boolean closed;

    public LazyRedisson(RedisUrl url, int poolSize) {
        this.url = url;
        this.poolSize = poolSize;
    }

    @Override
    public RedissonClient get() {
        RedissonClient connected = client;
        if (connected != null) {
            return connected;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the Redis client is closed");
            }
            if (client == null) {
                client = RedisConnector.connect(url, poolSize);
            }
            return client;
        }
    }

    /** Whether {@link #get} has connected (tests, and close). */
    public boolean connected() {
        return client != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            // short quiet period and timeout: a process stopping while Redis is down must not wait 15 s here
            client.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }
}
