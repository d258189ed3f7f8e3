package io.celeriac.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.config.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileSettingsTest {
    private static FileSettings read(String yaml) {
        return FileSettings.from(AppConfigLoader.fromYaml(yaml).section("file"));
    }

    @Test
    void an_empty_temp_dirs_entry_is_a_config_error_not_the_working_directory() {
        assertEquals("file.temp_dirs[1] is empty; every entry must name a directory",
                assertThrows(ConfigException.class, () -> read("file:\n  temp_dirs: [\"/tmp/a\", \"\"]\n")).getMessage());
        assertEquals("file.temp_dirs[0] is empty; every entry must name a directory",
                assertThrows(ConfigException.class, () -> read("file:\n  temp_dirs: [\"  \"]\n")).getMessage());
        assertThrows(ConfigException.class, () -> read("file:\n  temp_dirs: [~]\n"));
    }

    @Test
    void a_temp_dir_that_holds_the_uploads_or_backups_or_is_the_root_is_refused() {
        assertThrows(ConfigException.class, () -> read("file:\n  temp_dirs: [\"/srv\"]\n  upload_dir: /srv/uploads\n"));
        assertThrows(ConfigException.class, () -> read("file:\n  temp_dirs: [\"/srv/backups\"]\n  backup_dir: /srv/backups\n"));
        assertThrows(ConfigException.class, () -> read("file:\n  temp_dirs: [\"/\"]\n"));
        assertEquals(Path.of("/srv/uploads/temp"), read("file:\n  temp_dirs: [\"/srv/uploads/temp\"]\n  upload_dir: /srv/uploads\n")
                .tempDirsInsideUploads().get(0), "a temp directory inside the uploads is fine");
    }
}
