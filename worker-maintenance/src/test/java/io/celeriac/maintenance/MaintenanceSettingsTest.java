package io.celeriac.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MaintenanceSettingsTest {

    @Test
    void an_absent_section_gives_the_documented_defaults() {
        MaintenanceSettings settings = MaintenanceSettings.from(null);

        assertEquals(1000, settings.sessionBatchSize());
        assertEquals(Duration.ofSeconds(30), settings.vacuumLockTimeout());
        assertEquals(Duration.ofDays(14), settings.deadLetterRetention());
        assertEquals(Duration.ofDays(1), settings.workerRetention());
    }

    @Test
    void durations_are_read_as_people_write_them_and_nonsense_is_refused() {
        var yaml = AppConfigLoader.fromYaml("maintenance:\n  dead_letter_retention: 3d\n  worker_retention: 6h\n");
        assertEquals(Duration.ofDays(3), MaintenanceSettings.from(yaml.section("maintenance")).deadLetterRetention());
        assertEquals(Duration.ofHours(6), MaintenanceSettings.from(yaml.section("maintenance")).workerRetention());

        var bad = AppConfigLoader.fromYaml("maintenance:\n  session_batch_size: 0\n");
        assertThrows(ConfigException.class, () -> MaintenanceSettings.from(bad.section("maintenance")));
    }

    @Test
    void a_worker_retention_shorter_than_many_leases_is_refused() {
        for (String retention : new String[] {"1s", "30s", "299s"}) {
            var yaml = AppConfigLoader.fromYaml("maintenance:\n  worker_retention: " + retention + "\n");
            ConfigException refused = assertThrows(ConfigException.class, () -> MaintenanceSettings.from(yaml.section("maintenance")));
            assertTrue(refused.getMessage().startsWith("maintenance.worker_retention must be at least 5m"), refused.getMessage());
        }
        var five = AppConfigLoader.fromYaml("maintenance:\n  worker_retention: 5m\n");
        assertEquals(Duration.ofMinutes(5), MaintenanceSettings.from(five.section("maintenance")).workerRetention());
    }
}
