package io.celeriac.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.broker.redis.RedisUrl;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppConfigLoaderTest {

    @Test
    void routes_queues_and_expiry_are_read_in_order() {
        AppConfig config = AppConfigLoader.fromYaml("""
                default_queue: celery
                result_expires: 1h
                queues: [celery, ai_tasks]
                routes:
                  "app.ai.*": ai_tasks
                  "app.mail.*": { queue: email_tasks }
                max_nesting_depth: 40
                """);
        assertEquals(Duration.ofHours(1), config.resultExpires());
        assertEquals(List.of("celery", "ai_tasks", "email_tasks"), config.queues());
        assertEquals("email_tasks", config.router().route("app.mail.send"));
        assertEquals(40, config.section("max_nesting_depth").asInt());
        assertTrue(config.section("nothing").isMissingNode());
    }

    @Test
    void errors_name_the_field() {
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfigLoader.fromYaml("result_expires: soon"));
        assertTrue(e.getMessage().contains("'soon' is not a duration"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> AppConfigLoader.fromYaml("routes:\n  \"a.*\": \"\"\n"));
        assertTrue(e.getMessage().contains("routes.a.* names no queue"), e.getMessage());
        assertThrows(ConfigException.class, () -> AppConfigLoader.fromYaml("- a list"));
    }

    @Test
    void durations_read_as_people_write_them() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofDays(1), Durations.parse("1d"));
        assertEquals("1h", Durations.format(Duration.ofSeconds(3600)));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("-3s"));
    }

    @Test
    void broker_urls_carry_password_database_and_tls() {
        RedisUrl url = RedisUrl.parse("rediss://:s3cr%40t@redis.example:6380/2");
        assertTrue(url.tls());
        assertEquals("s3cr@t", url.password());
        assertEquals(2, url.database());
        assertEquals("rediss://redis.example:6380", url.address());
        assertEquals("rediss://:***@redis.example:6380/2", url.redacted());
        RedisUrl user = RedisUrl.parse("redis://app:pw@localhost");
        assertEquals("app", user.username());
        assertEquals(6379, user.port());
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("http://localhost"));
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("redis://localhost/x"));
    }
}
