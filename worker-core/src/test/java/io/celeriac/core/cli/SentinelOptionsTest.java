package io.celeriac.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.config.BrokerTransportOptions;
import io.celeriac.core.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Where a Sentinel master's name, the sentinels' password and durable writes come from: flag, then environment, then config. */
class SentinelOptionsTest {
    private static final String URL = "sentinel://:master-pw@s1:26379/2;sentinel://s2:26379";
    private static final AppConfig CONFIG = AppConfigLoader.fromYaml(
            "broker_transport_options:\n  master_name: from-config\n  sentinel_kwargs: {password: config-pw}\n  visibility_timeout: 3600\n");

    private static ConnectionOptions options(Map<String, String> env, String... args) {
        ConnectionOptions options = new ConnectionOptions();
        new CommandLine(options).parseArgs(args);
        options.environment(env);
        return options;
    }

    @Test
    void the_flag_wins_over_the_environment_which_wins_over_the_config() {
        Map<String, String> env = Map.of("CELERIAC_BROKER_URL", URL, "CELERIAC_MASTER_NAME", "from-env");
        assertEquals("from-flag", options(env, "--master-name=from-flag").resolveBrokerUrl(CONFIG).sentinels().masterName());
        assertEquals("from-env", options(env).resolveBrokerUrl(CONFIG).sentinels().masterName());
        assertEquals("from-config", options(Map.of("CELERIAC_BROKER_URL", URL)).resolveBrokerUrl(CONFIG).sentinels().masterName());
    }

    @Test
    void the_sentinels_password_is_kept_apart_from_the_masters() {
        RedisUrl fromConfig = options(Map.of("CELERIAC_BROKER_URL", URL)).resolveBrokerUrl(CONFIG);
        assertEquals("master-pw", fromConfig.password());
        assertEquals("config-pw", fromConfig.sentinels().password());
        RedisUrl fromEnv = options(Map.of("CELERIAC_BROKER_URL", URL, "CELERIAC_SENTINEL_PASSWORD", "env-pw")).resolveBrokerUrl(CONFIG);
        assertEquals("env-pw", fromEnv.sentinels().password());
        assertFalse(fromEnv.redacted().contains("pw"), fromEnv.redacted());
    }

    @Test
    void a_plain_url_ignores_the_sentinel_settings() {
        RedisUrl plain = options(Map.of(), "--broker-url=redis://h:6379/0", "--master-name=x").resolveBrokerUrl(CONFIG);
        assertNull(plain.sentinels());
    }

    @Test
    void durable_writes_come_from_the_flag_the_environment_or_the_config() throws Exception {
        Path file = Files.createTempFile("celeriac-durable", ".yaml");
        try {
            Files.writeString(file, "durable_writes: false\n");
            assertTrue(BrokerTransportOptions.from(options(Map.of(), "--config=" + file, "--durable-writes").loadConfig()).durableWrites());
            assertTrue(BrokerTransportOptions.from(options(Map.of("CELERIAC_DURABLE_WRITES", "true"), "--config=" + file).loadConfig()).durableWrites());
            assertFalse(BrokerTransportOptions.from(options(Map.of(), "--config=" + file).loadConfig()).durableWrites());
            ConfigException wrong = assertThrows(ConfigException.class,
                    () -> options(Map.of("CELERIAC_DURABLE_WRITES", "maybe"), "--config=" + file).loadConfig());
            assertTrue(wrong.getMessage().contains("CELERIAC_DURABLE_WRITES"), wrong.getMessage());
            Files.writeString(file, "durable_writes_timeout: 0s\n");
            assertThrows(ConfigException.class, () -> options(Map.of(), "--config=" + file).loadConfig());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
