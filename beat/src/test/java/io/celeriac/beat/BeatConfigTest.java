package io.celeriac.beat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BeatConfigTest {

    private static BeatConfig parse(String yaml) {
        return BeatConfig.from(AppConfigLoader.fromYaml(yaml).section("beat"));
    }

    @Test
    void no_section_means_defaults_and_no_entries() {
        BeatConfig config = parse("default_queue: celery\n");
        assertEquals(BeatSettings.DEFAULTS, config.settings());
        assertTrue(config.entries().isEmpty());
    }

    @Test
    void settings_and_entries_are_read() {
        BeatConfig config = parse("beat:\n  lease_timeout: 8s\n  misfire_grace: 2m\n  entries:\n"
                + "    a: {task: x.a, every: 1m}\n    b: {task: x.b, cron: '0 1 * * *'}\n");
        assertEquals(Duration.ofSeconds(8), config.settings().leaseTimeout());
        assertEquals(Duration.ofMinutes(2), config.settings().misfireGrace());
        assertEquals(2, config.entries().size());
    }

    @Test
    void a_bad_entry_fails_the_whole_config_naming_it() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse("beat:\n  entries:\n    nightly: {task: x.a, cron: '0 2 * *'}\n"));
        assertTrue(e.getMessage().startsWith("beat entry 'nightly': cron:"), e.getMessage());
    }

    @Test
    void the_defaults_give_a_takeover_within_two_seconds_and_renewal_and_catch_up_are_read() {
        BeatSettings defaults = BeatSettings.DEFAULTS;
        assertTrue(defaults.leaseTimeout().plus(defaults.heartbeat()).compareTo(Duration.ofSeconds(2)) < 0);
        BeatConfig config = parse("beat:\n  lease_timeout: 3s\n  renew_interval: 500ms\n  catch_up_window: 6h\n");
        assertEquals(Duration.ofMillis(500), config.settings().heartbeat());
        assertEquals(Duration.ofHours(6), config.settings().catchUpWindow());
    }

    @Test
    void a_lease_shorter_than_three_heartbeats_is_rejected() {
        assertTrue(assertThrows(ConfigException.class, () -> parse("beat:\n  lease_timeout: 500ms\n"))
                .getMessage().contains("lease_timeout"));
    }
}
