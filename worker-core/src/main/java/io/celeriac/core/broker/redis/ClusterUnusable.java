package io.celeriac.core.broker.redis;

/**
 * A {@code redis+cluster://} URL that cannot work as given: no seed answers, a seed is a Redis
 * without cluster mode, or the cluster does not serve every slot. A setting to fix (exit code 2),
 * found at start, not an outage to retry.
 */
public final class ClusterUnusable extends IllegalArgumentException {
    public ClusterUnusable(String message) {
        super(message);
    }

    public ClusterUnusable(String message, Throwable cause) {
        super(message, cause);
    }
}
