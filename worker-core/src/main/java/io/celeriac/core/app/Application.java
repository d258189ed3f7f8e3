package io.celeriac.core.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.core.broker.redis.DirectRedis;
import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.broker.redis.RedisConnector;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.client.TaskClient;
import io.celeriac.core.client.TaskSender;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.db.Database;
import io.celeriac.core.db.DatabaseUrl;
import io.celeriac.core.internal.Json;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.result.redis.RedisResultBackend;
import io.celeriac.core.task.ModuleContext;
import io.celeriac.core.task.TaskRegistry;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.redisson.api.RedissonClient;

/**
 * One process's Celeriac: the configuration, the Redis connection and everything built on it.
 * The only place (with the CLI) that picks the system clock and a random source.
 */
public final class Application implements AutoCloseable, ModuleContext {
    private final AppConfig config;
    private final RedisUrl brokerUrl;
    private final RedissonClient redis;
    private final DirectRedis direct;
    private final RedisKeys keys;
    private final ObjectMapper json = Json.mapper();
    private final MessageCodec codec;
    private final RedisBroker broker;
    private final RedisResultBackend results;
    private final TaskClient client;
    private final Clock clock;
    private final RandomGenerator random;
    private final DatabaseUrl databaseUrl;
    private final String databaseSchema;
    private Database database;

    /**
     * @param keyPrefix overrides the config's prefix of Celeriac's keys when not null
     * @param poolSize  Redis connections; a worker needs one per blocking fetcher on top
     */
    public Application(AppConfig config, RedisUrl brokerUrl, String keyPrefix, int poolSize, Clock clock, RandomGenerator random) {
        this(config, brokerUrl, keyPrefix, poolSize, clock, random, DatabaseUrl.parse(DEFAULT_DATABASE_URL), "public");
    }

    /** The default database: the local server's always-present {@code postgres} database. */
    public static final String DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

    /**
     * @param databaseUrl    PostgreSQL, connected only when a task first needs it
     * @param databaseSchema the schema the application's tables live in
     */
    public Application(AppConfig config, RedisUrl brokerUrl, String keyPrefix, int poolSize, Clock clock,
                       RandomGenerator random, DatabaseUrl databaseUrl, String databaseSchema) {
        this.databaseUrl = databaseUrl;
        this.databaseSchema = databaseSchema;
        this.config = config;
        this.codec = new MessageCodec(json, io.celeriac.core.config.MessageLimitsConfig.from(config));
        this.brokerUrl = brokerUrl;
        this.clock = clock;
        this.random = io.celeriac.core.internal.SharedRandom.of(random);
        this.redis = RedisConnector.connect(brokerUrl, poolSize);
        this.keys = new RedisKeys(keyPrefix != null ? keyPrefix : config.keyPrefix(), config.celeryKeyPrefix());
        this.direct = DirectRedis.connect(brokerUrl, poolSize);
        this.broker = new RedisBroker(redis, direct, keys);
        this.results = new RedisResultBackend(redis, keys, json);
        this.client = new TaskClient(broker, results, config.router(), codec, clock, this.random);
    }

    public AppConfig config() {
        return config;
    }

    public RedisUrl brokerUrl() {
        return brokerUrl;
    }

    public RedissonClient redis() {
        return redis;
    }

    public RedisKeys keys() {
        return keys;
    }

    public ObjectMapper json() {
        return json;
    }

    public MessageCodec codec() {
        return codec;
    }

    public RedisBroker broker() {
        return broker;
    }

    public RedisResultBackend results() {
        return results;
    }

    public TaskClient client() {
        return client;
    }

    /** Every task of every module on the class path. */
    public TaskRegistry registry() {
        return TaskRegistry.fromModules(this);
    }

    @Override
    public JsonNode config(String section) {
        return config.section(section);
    }

    @Override
    public TaskSender sender() {
        return client;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public synchronized Database database() {
        if (database == null) {
            Database created = new Database(databaseUrl, databaseSchema, 8);
            try {
                created.migrate();
            } catch (RuntimeException e) {
                created.close();
                throw e;
            }
            database = created;
        }
        return database;
    }

    /** Whether {@link #database()} has connected (for readiness checks). */
    public synchronized boolean databaseInUse() {
        return database != null;
    }

    public DatabaseUrl databaseUrl() {
        return databaseUrl;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (database != null) {
                database.close();
            }
        }
        direct.close();
        // short quiet period and timeout: a process stopping while Redis is down must not wait 15 s here
        redis.shutdown(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
}
