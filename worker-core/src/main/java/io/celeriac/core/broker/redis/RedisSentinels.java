package io.celeriac.core.broker.redis;

import java.util.List;

/**
 * Where a Sentinel-managed Redis is found: kombu's {@code sentinel://} broker URLs name the
 * sentinels, never the master, whose address the sentinels give (and change on failover).
 *
 * <p>Authentication is split as in kombu and redis-py: the URL's password (and user) log in to the
 * master; the sentinels get only what {@code sentinel_kwargs} gives them ({@link #username},
 * {@link #password} here), since sentinels usually have no password or a different one.
 *
 * @param nodes      the sentinels' addresses, in the URL's order
 * @param masterName the name the sentinels monitor the master under (Celery's {@code master_name}
 *                   transport option); null until the command line, environment or config gave it
 * @param username   the sentinels' ACL user, or null
 * @param password   the sentinels' password, or null
 */
public record RedisSentinels(List<Node> nodes, String masterName, String username, String password) {

    /** One sentinel's address. */
    public record Node(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public RedisSentinels {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a sentinel:// broker URL names no sentinel");
        }
    }

    /** The same sentinels, monitoring {@code name}. */
    public RedisSentinels withMasterName(String name) {
        return new RedisSentinels(nodes, name, username, password);
    }

    /** The same sentinels, with their own credentials ({@code sentinel_kwargs}). */
    public RedisSentinels withAuth(String user, String secret) {
        return new RedisSentinels(nodes, masterName, user, secret);
    }

    /** The master's name, or a clear error when nothing named it. */
    public String requireMasterName() {
        if (masterName == null || masterName.isBlank()) {
            throw new IllegalArgumentException("a sentinel:// broker URL needs the master's name: --master-name, "
                    + "CELERIAC_MASTER_NAME or broker_transport_options.master_name in the config");
        }
        return masterName;
    }

    /** For logs: the sentinels and the master's name, never a password. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (Node node : nodes) {
            text.append(text.isEmpty() ? "" : ";").append("sentinel://").append(node);
        }
        return text.append(masterName == null ? "" : " (master " + masterName + ")").toString();
    }

    @Override
    public String toString() {
        // a record's own toString would print the password
        return describe();
    }
}
