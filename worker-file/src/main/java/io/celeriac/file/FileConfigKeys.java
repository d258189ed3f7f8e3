package io.celeriac.file;

import io.celeriac.core.config.ConfigKeys;
import java.util.Set;

/** The config-file keys worker-file (FileSettings) reads, so the strict check at start-up accepts them (and catches typos in them). */
public final class FileConfigKeys implements ConfigKeys {
    @Override
    public Set<String> keys() {
        return Set.of("file", "file.temp_dirs", "file.temp_max_age", "file.upload_dir", "file.backup_dir",
                "file.backup_keep");
    }
}
