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
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.args.Rawable;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The per-message path to Redis: a pool of plain blocking connections, each command written and
 * its reply read on the calling thread.
 *
 * <p>Redisson hands every command to its event loop and the reply back to the caller: two thread
 * wake-ups per round trip, which on a small machine cost more than the command itself and make
 * the latency tail. Every command of the broker goes this way.
 */
public final class DirectRedis implements AutoCloseable {
    private final JedisPool pool;
    private final HostAndPort address;
    private final DefaultJedisClientConfig config;
    private final Map<String, byte[]> shas = new ConcurrentHashMap<>();

    private DirectRedis(JedisPool pool, HostAndPort address, DefaultJedisClientConfig config) {
        this.pool = pool;
        this.address = address;
        this.config = config;
    }

    /**
     * @param poolSize connections at most; they open as needed
     */
    public static DirectRedis connect(RedisUrl url, int poolSize) {
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
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .database(url.database())
                .ssl(url.tls())
                .connectionTimeoutMillis(5000)
                .socketTimeoutMillis(5000)
                .clientName("celeriac")
                // RESP2: what every Redis since 2.6 speaks, and all the replies here need
                .protocol(RedisProtocol.RESP2);
        if (url.tls()) {
            client.sslParameters(RedisTls.verifyHostName());
            if (url.caCerts() != null) {
                client.sslSocketFactory(RedisTls.context(url.caCerts()).getSocketFactory());
            }
        }
        if (url.password() != null) {
            client.password(url.password());
        }
        if (url.username() != null) {
            client.user(url.username());
        }
        HostAndPort address = new HostAndPort(url.host(), url.port());
        DefaultJedisClientConfig config = client.build();
        return new DirectRedis(new JedisPool(poolConfig, address, config), address, config);
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
        C connection = make.apply(address, DefaultJedisClientConfig.builder().from(config)
                .socketTimeoutMillis(readTimeoutMillis).build());
        connection.connect();
        return connection;
    }

    /** Runs a Lua script by its SHA1, loading it first when the server does not know it (a restart, SCRIPT FLUSH). */
    public Object eval(String script, List<byte[]> keys, List<byte[]> args) {
        try (Jedis jedis = pool.getResource()) {
            return eval(jedis.getConnection(), script, keys, args);
        }
    }

    /**
     * Runs a Lua script once per argument set in one pipelined round trip. When the server does not
     * know the script (every call then fails the same way, none ran) it is loaded and the batch sent again.
     */
    public List<Object> evalAll(String script, List<List<byte[]>> keys, List<List<byte[]>> args) {
        byte[] sha = shas.computeIfAbsent(script, DirectRedis::sha1);
        try (Jedis jedis = pool.getResource()) {
            List<Object> replies = evalPipelined(jedis, sha, keys, args);
            if (replies.stream().allMatch(r -> r instanceof JedisNoScriptException)) {
                jedis.getConnection().executeCommand(new CommandArguments(Protocol.Command.SCRIPT).add("LOAD").add(script));
                replies = evalPipelined(jedis, sha, keys, args);
            }
            for (Object reply : replies) {
                if (reply instanceof RuntimeException e) {
                    throw e;
                }
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
        try (Jedis jedis = pool.getResource()) {
            jedis.ping();
        }
    }

    public void lpush(byte[] key, byte[] value) {
        try (Jedis jedis = pool.getResource()) {
            jedis.lpush(key, value);
        }
    }

    public void zadd(byte[] key, double score, byte[] member) {
        try (Jedis jedis = pool.getResource()) {
            jedis.zadd(key, score, member);
        }
    }

    public long lrem(byte[] key, long count, byte[] value) {
        try (Jedis jedis = pool.getResource()) {
            return jedis.lrem(key, count, value);
        }
    }

    public void sadd(byte[] key, byte[] member) {
        try (Jedis jedis = pool.getResource()) {
            jedis.sadd(key, member);
        }
    }

    /** Runs {@code commands} on one pooled connection (for the broker's less frequent calls). */
    public <T> T call(java.util.function.Function<Jedis, T> commands) {
        try (Jedis jedis = pool.getResource()) {
            return commands.apply(jedis);
        }
    }

    /** Queues commands on one connection and sends them in one round trip. */
    public void pipelined(Consumer<Pipeline> commands) {
        try (Jedis jedis = pool.getResource(); Pipeline pipeline = jedis.pipelined()) {
            commands.accept(pipeline);
            pipeline.sync();
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
        pool.close();
    }
}
