package io.celeriac.core.broker.redis;

import java.util.function.Function;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisMovedDataException;

/**
 * One hash slot of a Redis Cluster as {@link DirectRedis} reaches it: a connection to the node that
 * serves it now, and what a redirection means.
 *
 * <ul>
 *   <li>{@code MOVED}: the slot has a new owner for good (resharding finished, or a failover), or
 *       the command's key is of another slot: the slot map is read again and the command sent
 *       where the error says. So the fleet's connections also carry the few commands on kombu's
 *       untagged keys (remote-control replies), at one extra round trip each.</li>
 *   <li>{@code ASK}: the slot is migrating and the keys the command names have left already: the
 *       command goes once to the importing node, after {@code ASKING}.</li>
 *   <li>{@code TRYAGAIN}: a multi-key command whose keys are split between the two nodes while the
 *       slot migrates: it is sent again shortly, by when they are together.</li>
 *   <li>A node that does not answer, or {@code CLUSTERDOWN} (a master died and its replica is not
 *       promoted yet): a short wait, and the map is read again (a replica may have taken over).
 *       Past {@link #ATTEMPTS} (about 3 s) the error goes to the caller, whose loop tries again.</li>
 * </ul>
 *
 * Every Lua script Celeriac runs on a cluster names all its keys in KEYS, so Redis itself says
 * when it must be redirected; none touches a key it did not declare.
 */
final class ClusterSlot {
    /** How often a command follows redirections before its error goes to the caller. */
    static final int ATTEMPTS = 40;

    private final ClusterNodes nodes;
    private final int slot;

    ClusterSlot(ClusterNodes nodes, int slot) {
        this.nodes = nodes;
        this.slot = slot;
    }

    /**
     * Where to send the command again: {@code node} (after {@code ASKING} when {@code asking}), or
     * the slot's owner when {@code node} is null.
     */
    record Redirect(HostAndPort node, boolean asking) {
    }

    Jedis borrow() {
        return nodes.borrow(nodes.owner(slot));
    }

    HostAndPort owner() {
        return nodes.owner(slot);
    }

    /** What to do after {@code error}; rethrows it when it is no redirection or the attempts ran out. */
    Redirect redirected(JedisDataException error, int attempt) {
        if (attempt >= ATTEMPTS) {
            throw error;
        }
        if (error instanceof JedisMovedDataException moved) {
            nodes.refresh();
            return new Redirect(moved.getTargetNode(), false);
        }
        if (error instanceof JedisAskDataException ask) {
            return new Redirect(ask.getTargetNode(), true);
        }
        String message = String.valueOf(error.getMessage());
        if (message.startsWith("TRYAGAIN")) {
            nodes.pause(attempt);
            return new Redirect(null, false);
        }
        if (message.startsWith("CLUSTERDOWN")) {
            // a master is gone and its replica not yet promoted: wait, then read the map again
            nodes.pause(attempt);
            nodes.refresh();
            return new Redirect(null, false);
        }
        throw error;
    }

    /** A node that does not answer: read the map again and retry, until the attempts run out. */
    void unreachable(JedisConnectionException error, int attempt) {
        if (attempt >= ATTEMPTS) {
            throw error;
        }
        nodes.pause(attempt);
        nodes.refresh();
    }

    /** Runs {@code commands} once on the node a redirection named, after {@code ASKING} when it asks. */
    <T> T follow(Redirect redirect, Function<Jedis, T> commands) {
        try (Jedis jedis = nodes.borrow(redirect.node())) {
            if (redirect.asking()) {
                jedis.asking();
            }
            return commands.apply(jedis);
        }
    }
}
