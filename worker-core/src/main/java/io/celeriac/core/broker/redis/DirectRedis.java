package io.celeriac.core.broker.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisSentinelPool;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.args.Rawable;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-message path to Redis: a pool of plain blocking connections, each command written and
 * its reply read on the calling thread.
 *
 * <p>Redisson hands every command to its event loop and the reply back to the caller: two thread
 * wake-ups per round trip, which on a small machine cost more than the command itself and make
 * the latency tail. Every command of the broker goes this way.
 *
 * <p>Behind Sentinel the pool follows the master: Jedis listens to the sentinels' {@code +switch-master}
 * and reopens its connections there. A connection that still reaches a demoted master (it answers
 * {@code READONLY}) is dropped rather than returned to the pool, and the command fails, to be
 * retried by its caller on a connection to the new master. With durable writes, the writes that
 * must survive a failover (enqueue, ack, result, forwarding) wait for a replica ({@link DurableWrites}).
 */
public final class DirectRedis implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DirectRedis.class);
    private final Supplier<Jedis> connections;
    private final AutoCloseable pools;
    /** On Redis Cluster: where this instance's slot lives, and what to do on a redirection; else null. */
    private final ClusterSlot slot;
    private final Supplier<HostAndPort> address;
    private final DefaultJedisClientConfig config;
    private final DurableWrites durable;
    private final Map<String, byte[]> shas = new ConcurrentHashMap<>();
    /** The master last used, to log a failover once (behind Sentinel the address changes). */
    private volatile HostAndPort lastMaster;

    private DirectRedis(Pool<Jedis> pool, Supplier<HostAndPort> address, DefaultJedisClientConfig config, DurableWrites durable) {
        this(pool::getResource, pool, null, address, config, durable);
    }

    private DirectRedis(Supplier<Jedis> connections, AutoCloseable pools, ClusterSlot slot, Supplier<HostAndPort> address,
                        DefaultJedisClientConfig config, DurableWrites durable) {
        this.connections = connections;
        this.pools = pools;
        this.slot = slot;
        this.address = address;
        this.config = config;
        this.durable = durable;
    }

    /**
     * @param poolSize connections at most; they open as needed
     */
    public static DirectRedis connect(RedisUrl url, int poolSize) {
        return connect(url, poolSize, DurableWrites.OFF);
    }

    /**
     * @param durable whether enqueue, ack and result writes wait for a replica's acknowledgement
     */
    public static DirectRedis connect(RedisUrl url, int poolSize, DurableWrites durable) {
        GenericObjectPoolConfig<Jedis> poolConfig = poolConfig(poolSize);
        DefaultJedisClientConfig config = clientConfig(url);
        if (url.sentinels() != null) {
            JedisSentinelPool pool = SentinelPools.open(url.sentinels(), poolConfig, config);
            return new DirectRedis(pool, pool::getCurrentHostMaster, config, durable);
        }
        HostAndPort address = new HostAndPort(url.host(), url.port());
        return new DirectRedis(new JedisPool(poolConfig, address, config), () -> address, config, durable);
    }

    /**
     * The connections to whichever cluster node serves {@code slot} now: every command given to it
     * must touch keys of that slot only. Redirections (MOVED, ASK, TRYAGAIN) are followed here.
     * Closing it closes nothing: the nodes' pools belong to {@code nodes}.
     */
    static DirectRedis forSlot(ClusterNodes nodes, int slot) {
        ClusterSlot route = new ClusterSlot(nodes, slot);
        return new DirectRedis(route::borrow, () -> { }, route, route::owner, nodes.clientConfig(), DurableWrites.OFF);
    }

    static GenericObjectPoolConfig<Jedis> poolConfig(int poolSize) {
        GenericObjectPoolConfig<Jedis> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(poolSize);
        poolConfig.setMaxIdle(poolSize);
        poolConfig.setMinIdle(0);
        // a broken connection is found by the command that uses it (and retried by the caller);
        // validating on every borrow would double the round trips
        poolConfig.setTestOnBorrow(false);
        poolConfig.setTestWhileIdle(true);
        // each run PINGs up to three idle connections: once a minute keeps an idle worker's cost low
        poolConfig.setTimeBetweenEvictionRuns(Duration.ofSeconds(60));
        poolConfig.setMaxWait(Duration.ofSeconds(5));
        poolConfig.setJmxEnabled(false);
        return poolConfig;
    }

    /** How every connection to {@code url}'s servers is opened: database, TLS, credentials, timeouts. */
    static DefaultJedisClientConfig clientConfig(RedisUrl url) {
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .database(url.database())
                .ssl(url.tls())
                .connectionTimeoutMillis(5000)
                .socketTimeoutMillis(5000)
                .clientName("celeriac")
                // RESP2: what every Redis since 2.6 speaks, and all the replies here need
                .protocol(RedisProtocol.RESP2);
        if (url.tls()) {
            client.sslParameters(RedisTls.parameters(url.tlsFiles()));
            if (!url.tlsFiles().isDefault()) {
                client.sslSocketFactory(RedisTls.context(url.tlsFiles()).getSocketFactory());
            }
        }
        if (url.password() != null) {
            client.password(url.password());
        }
        if (url.username() != null) {
            client.user(url.username());
        }
        return client.build();
    }

    /**
     * A connection of its own, outside the pool, with the pool's address, credentials, database and
     * TLS: for a subscriber, or a connection whose state (client tracking) must not be shared.
     */
    Connection dedicatedConnection(int readTimeoutMillis) {
        return dedicatedConnection(readTimeoutMillis, Connection::new);
    }

    /** As {@link #dedicatedConnection(int)}, of a {@link Connection} subclass that {@code make} builds. */
    <C extends Connection> C dedicatedConnection(int readTimeoutMillis, BiFunction<HostAndPort, JedisClientConfig, C> make) {
        C connection = make.apply(address.get(), DefaultJedisClientConfig.builder().from(config)
                .socketTimeoutMillis(readTimeoutMillis).build());
        connection.connect();
        return connection;
    }

    /** Runs a Lua script by its SHA1, loading it first when the server does not know it (a restart, SCRIPT FLUSH). */
    public Object eval(String script, List<byte[]> keys, List<byte[]> args) {
        return with(jedis -> eval(jedis.getConnection(), script, keys, args));
    }

    /** {@link #eval} of a script whose writes must survive a failover: with durable writes, a replica has them too. */
    public Object evalDurably(String script, List<byte[]> keys, List<byte[]> args) {
        return with(jedis -> durable.after(jedis, eval(jedis.getConnection(), script, keys, args)));
    }

    /**
     * Runs a Lua script once per argument set in one pipelined round trip. When the server does not
     * know the script (every call then fails the same way, none ran) it is loaded and the batch sent again.
     */
    public List<Object> evalAll(String script, List<List<byte[]>> keys, List<List<byte[]>> args) {
        List<Object> replies = evalEach(script, keys, args);
        for (Object reply : replies) {
            if (reply instanceof RuntimeException e) {
                throw e;
            }
        }
        return replies;
    }

    /** As {@link #evalAll}, a failed call's error in its place among the replies instead of thrown. */
    List<Object> evalEach(String script, List<List<byte[]>> keys, List<List<byte[]>> args) {
        byte[] sha = shas.computeIfAbsent(script, DirectRedis::sha1);
        try (Jedis jedis = connections.get()) {
            List<Object> replies = evalPipelined(jedis, sha, keys, args);
            if (replies.stream().allMatch(r -> r instanceof JedisNoScriptException)) {
                jedis.getConnection().executeCommand(new CommandArguments(Protocol.Command.SCRIPT).add("LOAD").add(script));
                replies = evalPipelined(jedis, sha, keys, args);
            }
            return replies;
        }
    }

    private static List<Object> evalPipelined(Jedis jedis, byte[] sha, List<List<byte[]>> keys, List<List<byte[]>> args) {
        List<redis.clients.jedis.Response<Object>> responses = new java.util.ArrayList<>(keys.size());
        try (Pipeline pipeline = jedis.pipelined()) {
            for (int i = 0; i < keys.size(); i++) {
                responses.add(pipeline.evalsha(sha, keys.get(i), args.get(i)));
            }
            pipeline.sync();
        }
        List<Object> replies = new java.util.ArrayList<>(responses.size());
        for (redis.clients.jedis.Response<Object> response : responses) {
            try {
                replies.add(response.get());
            } catch (RuntimeException e) {
                replies.add(e);
            }
        }
        return replies;
    }

    /** {@link #eval} on a given connection (a dedicated one). */
    Object eval(Connection connection, String script, List<byte[]> keys, List<byte[]> args) {
        byte[] sha = shas.computeIfAbsent(script, DirectRedis::sha1);
        try {
            return evalsha(connection, sha, keys, args);
        } catch (JedisNoScriptException e) {
            connection.executeCommand(new CommandArguments(Protocol.Command.SCRIPT).add("LOAD").add(script));
            return evalsha(connection, sha, keys, args);
        }
    }

    /** EVALSHA with the arguments written as they are (Jedis copies every byte[] it is given first). */
    private static Object evalsha(Connection connection, byte[] sha, List<byte[]> keys, List<byte[]> args) {
        CommandArguments command = new CommandArguments(Protocol.Command.EVALSHA).add(new Bytes(sha)).add(keys.size());
        keys.forEach(key -> command.add(new Bytes(key)));
        args.forEach(arg -> command.add(new Bytes(arg)));
        return connection.executeCommand(command);
    }

    /** An argument Jedis sends without copying it. */
    record Bytes(byte[] getRaw) implements Rawable {
    }

    /** One PING round trip: what any command costs before Redis does its work. */
    public void ping() {
        with(Jedis::ping);
    }

    /** An enqueue: durable when durable writes are on. */
    public void lpush(byte[] key, byte[] value) {
        with(jedis -> durable.after(jedis, jedis.lpush(key, value)));
    }

    /** An enqueue into the delayed set: durable when durable writes are on. */
    public void zadd(byte[] key, double score, byte[] member) {
        with(jedis -> durable.after(jedis, jedis.zadd(key, score, member)));
    }

    public long lrem(byte[] key, long count, byte[] value) {
        return with(jedis -> jedis.lrem(key, count, value));
    }

    public void sadd(byte[] key, byte[] member) {
        with(jedis -> jedis.sadd(key, member));
    }

    /** Runs {@code commands} on one pooled connection (for the broker's less frequent calls). */
    public <T> T call(Function<Jedis, T> commands) {
        return with(commands);
    }

    /** Queues commands on one connection and sends them in one round trip. */
    public void pipelined(Consumer<Pipeline> commands) {
        with(jedis -> {
            try (Pipeline pipeline = jedis.pipelined()) {
                commands.accept(pipeline);
                pipeline.sync();
            }
            return null;
        });
    }

    /** {@link #pipelined} for enqueues: durable when durable writes are on. */
    public void pipelinedDurably(Consumer<Pipeline> commands) {
        with(jedis -> {
            try (Pipeline pipeline = jedis.pipelined()) {
                commands.accept(pipeline);
                pipeline.sync();
            }
            return durable.after(jedis, null);
        });
    }

    /**
     * One pooled connection for {@code commands}. A {@code READONLY} reply means this connection
     * reaches a demoted master: it is dropped, never reused, and the error goes to the caller.
     * On a cluster, a redirection is followed and {@code commands} run again where the slot is now
     * (see {@link ClusterSlot}): callers give one command, or several whose first one decides.
     */
    private <T> T with(Function<Jedis, T> commands) {
        noteMaster();
        for (int attempt = 1; ; attempt++) {
            try (Jedis jedis = connections.get()) {
                try {
                    return commands.apply(jedis);
                } catch (JedisDataException e) {
                    if (String.valueOf(e.getMessage()).contains("READONLY")) {
                        jedis.getConnection().setBroken();
                    }
                    if (slot == null) {
                        throw e;
                    }
                    ClusterSlot.Redirect redirect = slot.redirected(e, attempt);
                    if (redirect.node() != null) {
                        try {
                            return slot.follow(redirect, commands);
                        } catch (JedisDataException again) {
                            // TRYAGAIN there too (its keys still split), or moved on: wait, then start over at the owner
                            slot.redirected(again, attempt);
                        }
                    }
                }
            } catch (redis.clients.jedis.exceptions.JedisConnectionException e) {
                if (slot == null) {
                    throw e;
                }
                slot.unreachable(e, attempt);
            }
        }
    }

    private void noteMaster() {
        if (slot != null) {
            // on a cluster a slot's owner changes by resharding: ClusterNodes follows it quietly
            return;
        }
        HostAndPort now = address.get();
        HostAndPort before = lastMaster;
        if (before != now && !now.equals(before)) {
            lastMaster = now;
            if (before != null) {
                log.atWarn().addKeyValue("from", before).addKeyValue("to", now).log("the sentinels named a new Redis master; using it");
            }
        }
    }

    private static byte[] sha1(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    @Override
    public void close() {
        try {
            pools.close();
        } catch (Exception e) {
            log.atDebug().setCause(e).log("closing the Redis connections failed");
        }
    }
}
