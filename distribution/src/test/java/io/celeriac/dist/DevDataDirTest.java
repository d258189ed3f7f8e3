package io.celeriac.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.config.AppConfig;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.email.EmailSettings;
import io.celeriac.file.FileSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code celeriac dev} reads the config's relative paths against its data directory; the modules then use them. */
class DevDataDirTest {
    private static final Path DIR = Path.of("/srv/dev-data");

    @Test
    void relative_paths_of_the_packaged_config_land_in_the_data_directory() {
        AppConfig config = AppConfigLoader.load(null); // the packaged celeriac.yaml (no ./celeriac.yaml in the module)
        DevDataDir data = DevDataDir.of(DIR, config);

        AppConfig applied = data.apply(config);

        assertEquals(DIR.resolve("data/outbox"), data.outbox());
        assertEquals(DIR.resolve("backups"), data.backups());
        assertEquals(DIR.resolve("uploads"), data.uploads());
        FileSettings file = FileSettings.from(applied.section("file"));
        assertEquals(DIR.resolve("backups"), file.backupDir());
        assertEquals(DIR.resolve("uploads"), file.uploadDir());
        assertEquals(List.of(Path.of("/tmp/personal_assistant"), DIR.resolve("logs/temp"), DIR.resolve("uploads/temp")),
                file.tempDirs(), "absolute temp directories stay where they point");
        assertEquals(DIR.resolve("data/outbox"), EmailSettings.from(applied.section("email"), Map.of()).outboxDir());
        assertEquals(config.queues(), applied.queues());
        assertEquals("data/outbox", config.section("email").path("outbox_dir").asText(), "the loaded config is left as it was");
    }

    @Test
    void a_config_without_the_sections_gets_the_module_defaults_inside_the_data_directory() {
        AppConfig config = AppConfigLoader.fromYaml("default_queue: celery\n");

        AppConfig applied = DevDataDir.of(DIR, config).apply(config);

        FileSettings file = FileSettings.from(applied.section("file"));
        assertEquals(DIR.resolve(FileSettings.DEFAULT_BACKUP_DIR), file.backupDir());
        assertTrue(file.tempDirs().contains(DIR.resolve("logs/temp")), file.tempDirs().toString());
        assertEquals(DIR.resolve(EmailSettings.DEFAULT_OUTBOX_DIR), EmailSettings.from(applied.section("email"), Map.of()).outboxDir());
    }

    @Test
    void absolute_paths_are_kept() {
        AppConfig config = AppConfigLoader.fromYaml("file:\n  backup_dir: /var/backups/app\nemail:\n  outbox_dir: /var/mail/out\n");

        DevDataDir data = DevDataDir.of(DIR, config);

        assertEquals(Path.of("/var/backups/app"), data.backups());
        assertEquals(Path.of("/var/mail/out"), data.outbox());
        assertEquals(DIR.resolve("uploads"), data.uploads());
    }
}
