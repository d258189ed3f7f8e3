package io.celeriac.core.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.core.broker.Broker;
import io.celeriac.core.broker.redis.ClusterBroker;
import io.celeriac.core.broker.redis.ClusterKeys;
import io.celeriac.core.broker.redis.ClusterNodes;
import io.celeriac.core.broker.redis.DirectRedis;
import io.celeriac.core.broker.redis.DurableWrites;
import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.broker.redis.LazyRedisson;
import io.celeriac.core.broker.redis.RedisFanout;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.client.TaskClient;
import io.celeriac.core.client.TaskSender;
import io.celeriac.core.component.Components;
import io.celeriac.core.component.Settings;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.config.BrokerTransportOptions;
import io.celeriac.core.config.CeleryTaskConfig;
import io.celeriac.core.events.EventPublisher;
import io.celeriac.core.events.LamportClock;
import io.celeriac.core.events.TaskSentEvents;
import io.celeriac.core.internal.Json;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.result.ResultBackend;
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
    private final LazyRedisson redis;
    private final DirectRedis direct;
    private final RedisKeys keys;
    private final ObjectMapper json = Json.mapper();
    private final MessageCodec codec;
    private final Broker broker;
    /** The single-Redis (or Sentinel) broker, or null on a Redis Cluster. */
    private final RedisBroker redisBroker;
    /** The cluster broker, or null on a single Redis. */
    private final ClusterBroker clusterBroker;
    private final ResultBackend results;
    private final TaskClient client;
    private final Clock clock;
    private final RandomGenerator random;
    /** Celery's {@code app.clock}: one logical clock for everything this process says to the fleet. */
    private final LamportClock lamport = new LamportClock();
    private final Settings settings;
    private final Components components;

    /**
     * @param keyPrefix overrides the config's prefix of Celeriac's keys when not null
     * @param poolSize  Redis connections; a worker needs one per blocking fetcher on top
     */
    public Application(AppConfig config, RedisUrl brokerUrl, String keyPrefix, int poolSize, Clock clock, RandomGenerator random) {
        this(config, brokerUrl, keyPrefix, poolSize, clock, random, Settings.EMPTY);
    }

    /**
     * @param settings the components' settings (the database URL, for example); each component is
     *                 opened only when a task first needs it, but its settings are checked now
     */
    public Application(AppConfig config, RedisUrl brokerUrl, String keyPrefix, int poolSize, Clock clock,
                       RandomGenerator random, Settings settings) {
        this.settings = settings;
        // before connecting: a bad setting fails the start with nothing to close
        this.components = Components.load(settings);
        this.config = config;
        this.codec = new MessageCodec(json, io.celeriac.core.config.MessageLimitsConfig.from(config));
        BrokerTransportOptions transport = BrokerTransportOptions.from(config);
        // what the command line and environment left unsaid about the sentinels, the config says
        brokerUrl = brokerUrl.withSentinelDefaults(transport.masterName(), transport.sentinelUsername(), transport.sentinelPassword());
        this.brokerUrl = brokerUrl;
        this.clock = clock;
        this.random = io.celeriac.core.internal.SharedRandom.of(random);
        String prefix = keyPrefix != null ? keyPrefix : config.keyPrefix();
        if (brokerUrl.cluster()) {
            // Celeriac's own layout: kombu has no cluster transport, so Celery's key names buy nothing here
            ClusterKeys clusterKeys = new ClusterKeys(prefix);
            this.keys = clusterKeys;
            // the beat's store and leader lease: every beat key is under the fleet's hash tag
            this.redis = new LazyRedisson(brokerUrl, poolSize);
            this.direct = null;
            this.redisBroker = null;
            this.clusterBroker = new ClusterBroker(ClusterNodes.connect(brokerUrl, poolSize), clusterKeys);
            this.broker = clusterBroker;
            this.results = RedisResultBackend.onCluster(clusterBroker, redis, json);
        } else {
            this.redis = new LazyRedisson(brokerUrl, poolSize);
            this.keys = new RedisKeys(prefix, config.celeryKeyPrefix());
            this.direct = DirectRedis.connect(brokerUrl, poolSize, transport.durableWrites()
                    ? DurableWrites.oneReplica(transport.durableWritesTimeout()) : DurableWrites.OFF);
            this.redisBroker = new RedisBroker(redis, direct, keys);
            this.clusterBroker = null;
            this.broker = redisBroker;
            this.results = new RedisResultBackend(direct, redis, keys, json);
        }
        TaskClient plain = new TaskClient(broker, results, config.router(), codec, clock, this.random);
        this.client = CeleryTaskConfig.sendSentEvent(config) ? plain.withSentListener(new TaskSentEvents(
                new EventPublisher(fanout(), plain.origin(), clock, lamport, this.random))) : plain;
    }

    /** kombu's fanout (remote control, events) on this process's Redis, over the broker's client. */
    public RedisFanout fanout() {
        return clusterBroker != null ? clusterBroker.fanout() : redisBroker.fanout(brokerUrl.database());
    }

    /** The process's Lamport clock (Celery's {@code app.clock}), for events and control messages. */
    public LamportClock lamport() {
        return lamport;
    }

    public AppConfig config() {
        return config;
    }

    public RedisUrl brokerUrl() {
        return brokerUrl;
    }

    /** Redisson, connected on first use (pub/sub, the beat): commands that need none never start it. */
    public RedissonClient redis() {
        return redis.get();
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

    /** The broker, on one Redis or on a cluster: what workers and clients use. */
    public Broker broker() {
        return broker;
    }

    /**
     * The single-Redis broker, for the tools that read its key layout directly (the admin CLI, the
     * dashboard, the beat); on a Redis Cluster they are not available yet, said plainly (exit code 2).
     */
    public RedisBroker redisBroker() {
        return singleRedis("this command").redisBroker;
    }

    /** Whether the broker is a Redis Cluster (redis+cluster://). */
    public boolean cluster() {
        return clusterBroker != null;
    }

    public ResultBackend results() {
        return results;
    }

    /** The single-Redis result backend (see {@link #redisBroker()}). */
    public RedisResultBackend redisResults() {
        return (RedisResultBackend) singleRedis("this command").results;
    }

    /** This application, unless it runs on a Redis Cluster, where {@code what} does not work yet. */
    private Application singleRedis(String what) {
        if (clusterBroker != null) {
            throw new IllegalArgumentException(what + " needs a single Redis or Sentinel (redis://, sentinel://); on a Redis Cluster "
                    + "(redis+cluster://) worker, send, result, status and beat work, the other admin tools and the dashboard not yet");
        }
        return this;
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
    public <T> T component(Class<T> type) {
        return components.get(type, this);
    }

    @Override
    public Settings settings() {
        return settings;
    }

    /** The process's components, for readiness checks. */
    public Components components() {
        return components;
    }

    @Override
    public void close() {
        components.close();
        if (clusterBroker != null) {
            clusterBroker.close();
            redis.close();
            return;
        }
        redisBroker.closeSubscriptions();
        direct.close();
        redis.close();
    }
}
