package io.celeriac.core.broker.redis;

import java.time.Duration;
import redis.clients.jedis.Jedis;

/**
 * {@code --durable-writes}: Redis replicates asynchronously, so a write the master acknowledged can
 * vanish when a replica that had not received it is promoted. With this on, the writes that must
 * survive a failover (an enqueue, an ack with its result, a forwarded delayed message) are each
 * followed by {@code WAIT 1 timeout} on the same connection, and one that no replica confirmed in
 * time fails, so its caller retries it (at least once, never lost) instead of believing it safe.
 *
 * @param replicas how many replicas must confirm; 0 turns the wait off
 * @param timeout  how long to wait for them
 */
public record DurableWrites(int replicas, Duration timeout) {
    public static final DurableWrites OFF = new DurableWrites(0, Duration.ZERO);

    /** One replica within {@code timeout}. */
    public static DurableWrites oneReplica(Duration timeout) {
        return new DurableWrites(1, timeout);
    }

    public boolean enabled() {
        return replicas > 0;
    }

    /** Waits for the replicas after a write on {@code jedis}; returns {@code result}. */
    <T> T after(Jedis jedis, T result) {
        if (replicas > 0) {
            long confirmed = jedis.waitReplicas(replicas, timeout.toMillis());
            if (confirmed < replicas) {
                throw new UnconfirmedWriteException("no replica confirmed the write within " + timeout.toMillis()
                        + " ms (durable writes): it is on the master only and may be lost in a failover");
            }
        }
        return result;
    }

    /** A write that reached the master but not enough replicas in time. */
    public static final class UnconfirmedWriteException extends RuntimeException {
        UnconfirmedWriteException(String message) {
            super(message);
        }
    }
}
