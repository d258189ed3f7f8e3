package io.celeriac.core.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.broker.redis.RedisConnector;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.client.Celeriac;
import io.celeriac.core.client.TaskSender;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.internal.Json;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.result.RedisResultBackend;
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
    private final RedisKeys keys;
    private final ObjectMapper json = Json.mapper();
    private final MessageCodec codec = new MessageCodec(json);
    private final RedisBroker broker;
    private final RedisResultBackend results;
    private final Celeriac client;
    private final Clock clock;
    private final RandomGenerator random;

    /**
     * @param keyPrefix overrides the config's prefix of Celeriac's keys when not null
     * @param poolSize  Redis connections; a worker needs one per blocking fetcher on top
     */
    public Application(AppConfig config, RedisUrl brokerUrl, String keyPrefix, int poolSize, Clock clock, RandomGenerator random) {
        this.config = config;
        this.brokerUrl = brokerUrl;
        this.clock = clock;
        this.random = random;
        this.redis = RedisConnector.connect(brokerUrl, poolSize);
        this.keys = new RedisKeys(keyPrefix != null ? keyPrefix : config.keyPrefix(), config.celeryKeyPrefix());
        this.broker = new RedisBroker(redis, keys);
        this.results = new RedisResultBackend(redis, keys, json);
        this.client = new Celeriac(broker, results, config.router(), codec, clock, random);
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

    public Celeriac client() {
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
    public void close() {
        redis.shutdown();
    }
}
