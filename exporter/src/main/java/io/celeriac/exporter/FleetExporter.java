package io.celeriac.exporter;

import io.celeriac.core.broker.redis.DirectRedis;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.component.Settings;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.loop.ServiceLoop;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The exporter's loop: every {@code interval}, one pass over Redis published as gauges, and every
 * {@code probeInterval} the modules' probes.
 *
 * <ol>
 *   <li>collect a {@link FleetSnapshot} ({@link FleetCollector});</li>
 *   <li>publish it, {@code celeriac_redis_up 1}; when Redis cannot be read (down, a wrong
 *       password), withdraw every Redis gauge, {@code celeriac_redis_up 0}, one log line per change;</li>
 *   <li>when due, read the probes ({@link FleetProbes}).</li>
 * </ol>
 * It never connects at start: Redis may be down then, and {@code /metrics} must answer anyway.
 */
public final class FleetExporter implements AutoCloseable {
    private final DirectRedis redis;
    private final FleetCollector collector;
    private final FleetGauges gauges;
    private final FleetProbes probes;
    private final ExporterSettings settings;
    private final ReadState redisState = new ReadState("redis");
    private final GaugeTable passSeconds;
    private long passes;
    private ServiceLoop loop;

    FleetExporter(DirectRedis redis, RedisKeys keys, ExporterSettings settings, FleetProbes probes, MeterRegistry registry) {
        this.redis = redis;
        this.settings = settings;
        this.collector = new FleetCollector(new RedisFleetReader(redis, keys), keys, settings);
        this.gauges = new FleetGauges(registry);
        this.passSeconds = new GaugeTable(registry, "celeriac.exporter.pass.seconds", "How long the exporter's last pass over Redis took");
        this.probes = probes;
    }

    /**
     * An exporter of the fleet {@code config} describes, on {@code brokerUrl}, publishing to
     * {@code registry} with the default caps; not started.
     *
     * @param keyPrefix overrides the config's prefix of Celeriac's keys when not null
     * @param settings  the components' settings: a database URL there opens the modules' probes
     */
    public static FleetExporter create(AppConfig config, RedisUrl brokerUrl, String keyPrefix, Settings settings,
                                       Duration interval, MeterRegistry registry, Clock clock) {
        ExporterSettings exporter = new ExporterSettings(interval, ExporterCommand.DEFAULT_PROBE_INTERVAL, ExporterCommand.DEFAULT_MAX_QUEUES,
                ExporterCommand.DEFAULT_MAX_WORKERS, config.queues(), QueueObjectives.from(config.section("exporter")));
        return create(config, brokerUrl, keyPrefix, settings, exporter, registry, clock);
    }

    static FleetExporter create(AppConfig config, RedisUrl brokerUrl, String keyPrefix, Settings settings,
                                ExporterSettings exporter, MeterRegistry registry, Clock clock) {
        RedisKeys keys = new RedisKeys(keyPrefix != null ? keyPrefix : config.keyPrefix(), config.celeryKeyPrefix());
        // the pool connects on first use: a Redis that is down now only makes the first pass fail
        DirectRedis redis = DirectRedis.connect(brokerUrl, 2);
        return new FleetExporter(redis, keys, exporter, FleetProbes.load(settings, clock, registry), registry);
    }

    public FleetExporter start() {
        loop = new ServiceLoop("exporter", this::runOnce).start();
        return this;
    }

    /** The loop, for liveness: it ticks whether or not Redis answers. */
    public List<ServiceLoop> loops() {
        return loop == null ? List.of() : List.of(loop);
    }

    /** The modules whose probes are open (their stores configured). */
    public List<String> probes() {
        return probes.names();
    }

    Duration runOnce() {
        long started = System.nanoTime();
        try {
            gauges.publish(collector.collect(), settings.objectives());
            passSeconds.set((System.nanoTime() - started) / 1e9);
            redisState.readable();
        } catch (RuntimeException e) {
            // Redis down or refusing (JedisException), or a reply this exporter cannot read: either
            // way no gauge may keep a number that looks fresh, and redis_up 0 makes it an alert
            gauges.redisDown();
            redisState.unreadable(ReadState.describe(e));
        }
        if (passes++ % settings.probeEvery() == 0) {
            probes.runOnce();
        }
        return settings.interval();
    }

    /** Why Redis cannot be read now, or null. */
    String redisProblem() {
        return redisState.failing();
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
        probes.close();
        redis.close();
    }
}
