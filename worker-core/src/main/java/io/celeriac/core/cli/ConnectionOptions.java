package io.celeriac.core.cli;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.BrokerClock;
import io.celeriac.core.broker.redis.RedisSentinels;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.component.Settings;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.config.BrokerTransportOptions;
import io.celeriac.core.config.ConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import picocli.CommandLine.Option;

/**
 * Where Redis is and which config file to read; shared by every command that connects.
 * Precedence: flag, then environment, then the config file, then the default.
 */
public final class ConnectionOptions {
    static final String DEFAULT_BROKER = "redis://127.0.0.1:6379/0";
    /** For the help text only: the database module applies its own default when the option is absent. */
    private static final String DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
    /** The setting the database module reads; the engine only carries it. */
    public static final String DATABASE_URL_SETTING = "database.url";

    @Option(names = "--broker-url", paramLabel = "URL",
            description = "Redis URL (redis://, rediss:// or kombu's sentinel://h1:26379;sentinel://h2:26379, password and db allowed). Env: CELERIAC_BROKER_URL, then CELERY_BROKER_URL, then REDIS_URL. Default: the config file's broker_url, else " + DEFAULT_BROKER)
    String brokerUrl;

    @Option(names = "--master-name", paramLabel = "NAME",
            description = "With a sentinel:// broker URL: the name the sentinels monitor the master under. Env: CELERIAC_MASTER_NAME. Default: the config's broker_transport_options.master_name. The sentinels' own password: env CELERIAC_SENTINEL_PASSWORD or broker_transport_options.sentinel_kwargs.password.")
    String masterName;

    @Option(names = "--durable-writes",
            description = "Enqueue, ack and result writes wait for one replica (Redis WAIT) so a failover cannot lose them; slower. Env: CELERIAC_DURABLE_WRITES=true. Default: the config's durable_writes (false).")
    boolean durableWrites;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Application config file. Env: CELERIAC_CONFIG. Default: ./celeriac.yaml, else the packaged one.")
    Path config;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "PostgreSQL (postgresql://user:password@host:port/db), used by tasks that store data. Env: CELERIAC_DATABASE_URL, then DATABASE_URL. Default: " + DEFAULT_DATABASE_URL)
    String databaseUrl;

    @Option(names = "--key-prefix", paramLabel = "PREFIX",
            description = "Prefix of Celeriac's own Redis keys. Env: CELERIAC_KEY_PREFIX. Default: the config's key_prefix (celeriac:).")
    String keyPrefix;

    private Map<String, String> env = System.getenv();

    /** For tests: resolve against this environment instead of the process's. */
    void environment(Map<String, String> environment) {
        this.env = environment;
    }

    /** The config file given with {@code --config}, or null (then CELERIAC_CONFIG or the default). */
    public Path configFile() {
        return config;
    }

    public AppConfig loadConfig() {
        Path file = config != null ? config : envPath("CELERIAC_CONFIG");
        AppConfig loaded = AppConfigLoader.load(file);
        String durable = env.get("CELERIAC_DURABLE_WRITES");
        if (durableWrites || (durable != null && !durable.isBlank())) {
            // the flag and the environment win over the file, as for every option
            boolean on = durableWrites || switch (durable.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw new ConfigException("CELERIAC_DURABLE_WRITES: expected true or false, got '" + durable + "'");
            };
            loaded.raw().put(BrokerTransportOptions.DURABLE_WRITES, on);
        }
        return loaded;
    }

    public RedisUrl resolveBrokerUrl(AppConfig appConfig) {
        String url = firstNonBlank(brokerUrl, env.get("CELERIAC_BROKER_URL"), env.get("CELERY_BROKER_URL"),
                env.get("REDIS_URL"), appConfig.brokerUrl(), DEFAULT_BROKER);
        try {
            RedisUrl parsed = RedisUrl.parse(url);
            RedisSentinels sentinels = parsed.sentinels();
            if (sentinels == null) {
                return parsed;
            }
            String name = firstNonBlank(masterName, env.get("CELERIAC_MASTER_NAME"), sentinels.masterName());
            String sentinelPassword = env.get("CELERIAC_SENTINEL_PASSWORD");
            if (sentinelPassword != null && !sentinelPassword.isEmpty()) {
                sentinels = sentinels.withAuth(env.get("CELERIAC_SENTINEL_USERNAME"), sentinelPassword);
            }
            BrokerTransportOptions transport = BrokerTransportOptions.from(appConfig);
            return parsed.withSentinels(sentinels.withMasterName(name))
                    .withSentinelDefaults(transport.masterName(), transport.sentinelUsername(), transport.sentinelPassword());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * The components' settings from the command line and environment: {@code database.url} when
     * {@code --database-url}, {@code CELERIAC_DATABASE_URL} or {@code DATABASE_URL} gives one.
     */
    public Settings settings() {
        String url = firstNonBlank(databaseUrl, env.get("CELERIAC_DATABASE_URL"), env.get("DATABASE_URL"));
        return url == null ? Settings.EMPTY : Settings.of(DATABASE_URL_SETTING, url);
    }

    public String resolveKeyPrefix() {
        return firstNonBlank(keyPrefix, env.get("CELERIAC_KEY_PREFIX"), null);
    }

    /** Connects with the system clock and a thread-safe random source. */
    public Application connect(int poolSize) {
        AppConfig appConfig = loadConfig();
        return connect(appConfig, poolSize);
    }

    public Application connect(AppConfig appConfig, int poolSize) {
        return connect(appConfig, resolveBrokerUrl(appConfig), settings(), poolSize);
    }

    /** Connects to {@code brokerUrl} with {@code settings} instead of what the options say (dev's embedded servers). */
    public Application connect(AppConfig appConfig, RedisUrl brokerUrl, Settings settings, int poolSize) {
        // every process reads the fleet's one clock: its own, corrected to Redis's TIME
        BrokerClock clock = new BrokerClock(clock());
        Application app = new Application(appConfig, brokerUrl, resolveKeyPrefix(), poolSize, clock,
                new SplittableRandom(), settings);
        try {
            // connections open lazily: one PING now, so a wrong password or an unreachable Redis is
            // the command's one error line, before anything (the clock's first sync) logs its own
            app.broker().ping();
        } catch (RuntimeException e) {
            app.close();
            throw io.celeriac.core.broker.redis.RedisFailures.atStart(brokerUrl, e);
        }
        clock.bind(app.broker()::time);
        return app;
    }

    /**
     * The system clock; shifted by {@code CELERIAC_TEST_CLOCK_OFFSET_MS} when set. Hidden and for
     * tests only: it is how the skew tests run real processes whose clocks are off by ±30 s, to
     * show that what must agree across hosts reads a shared clock (Redis, PostgreSQL) instead.
     */
    Clock clock() {
        String offset = env.get("CELERIAC_TEST_CLOCK_OFFSET_MS");
        if (offset == null || offset.isBlank()) {
            return Clock.systemUTC();
        }
        try {
            return Clock.offset(Clock.systemUTC(), Duration.ofMillis(Long.parseLong(offset.strip())));
        } catch (NumberFormatException e) {
            throw new ConfigException("CELERIAC_TEST_CLOCK_OFFSET_MS: not a whole number of milliseconds: " + offset);
        }
    }

    private Path envPath(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
