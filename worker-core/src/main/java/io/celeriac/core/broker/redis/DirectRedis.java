package io.celeriac.core.broker.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.args.Rawable;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The per-message path to Redis: a pool of plain blocking connections, each command written and
 * its reply read on the calling thread.
 *
 * <p>Redisson hands every command to its event loop and the reply back to the caller: two thread
 * wake-ups per round trip, which on a small machine cost more than the command itself and make
 * the latency tail. The commands that run once per message or batch (publish, fetch, BLMOVE,
 * completion) go this way; everything else stays on Redisson.
 */
public final class DirectRedis implements AutoCloseable {
    private final JedisPool pool;
    private final Map<String, byte[]> shas = new ConcurrentHashMap<>();

    private DirectRedis(JedisPool pool) {
        this.pool = pool;
    }

    /**
     * @param poolSize connections; each blocked BLMOVE holds one while it waits, so a worker sizes
     *                 this above its number of blocking fetchers
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
        poolConfig.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        poolConfig.setMaxWait(Duration.ofSeconds(5));
        poolConfig.setJmxEnabled(false);
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .database(url.database())
                .ssl(url.tls())
                .connectionTimeoutMillis(5000)
                // above the longest BLMOVE wait (1 s), so a blocked fetch is never cut off
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
        return new DirectRedis(new JedisPool(poolConfig, new HostAndPort(url.host(), url.port()), client.build()));
    }

    /** Runs a Lua script by its SHA1, loading it first when the server does not know it (a restart, SCRIPT FLUSH). */
    public Object eval(String script, List<byte[]> keys, List<byte[]> args) {
        byte[] sha = shas.computeIfAbsent(script, DirectRedis::sha1);
        try (Jedis jedis = pool.getResource()) {
            try {
                return evalsha(jedis, sha, keys, args);
            } catch (JedisNoScriptException e) {
                jedis.scriptLoad(script.getBytes(StandardCharsets.UTF_8));
                return evalsha(jedis, sha, keys, args);
            }
        }
    }

    /** EVALSHA with the arguments written as they are (Jedis copies every byte[] it is given first). */
    private static Object evalsha(Jedis jedis, byte[] sha, List<byte[]> keys, List<byte[]> args) {
        CommandArguments command = new CommandArguments(Protocol.Command.EVALSHA).add(new Bytes(sha)).add(keys.size());
        keys.forEach(key -> command.add(new Bytes(key)));
        args.forEach(arg -> command.add(new Bytes(arg)));
        return jedis.getConnection().executeCommand(command);
    }

    /** An argument Jedis sends without copying it. */
    record Bytes(byte[] getRaw) implements Rawable {
    }

    /**
     * Sends {@code commands} between MULTI and EXEC in one round trip and returns EXEC's replies,
     * one per command. A command Redis refused while running the transaction is a
     * {@link JedisDataException} in its place (the others are applied: Redis has no rollback);
     * a transaction that did not run at all (EXECABORT: a command refused when queued, out of
     * memory) throws.
     */
    public List<Object> transaction(List<CommandArguments> commands) {
        try (Jedis jedis = pool.getResource(); Transaction transaction = jedis.multi()) {
            commands.forEach(transaction::sendCommand);
            return transaction.exec();
        }
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

    /** BLMOVE source RIGHT destination LEFT: kombu consumes from the right, in-flight lists grow on the left. */
    public byte[] blmove(byte[] source, byte[] destination, Duration timeout) {
        try (Jedis jedis = pool.getResource()) {
            return jedis.blmove(source, destination, ListDirection.RIGHT, ListDirection.LEFT, timeout.toMillis() / 1000.0);
        }
    }

    /** Runs {@code commands} on one pooled connection (for the broker's less frequent calls). */
    <T> T call(java.util.function.Function<Jedis, T> commands) {
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
