package io.celeriac.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.config.ConfigException;
import io.celeriac.core.config.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code file:} section of {@code celeriac.yaml}, validated once. Relative paths are read
 * against the working directory.
 *
 * @param tempDirs   directories {@code cleanup_temp_files} sweeps (missing ones are fine)
 * @param tempMaxAge files older than this are removed
 * @param uploadDir  the user uploads every backup includes (temp directories inside it are left out)
 * @param backupDir  where archives are written
 * @param backupKeep archives kept; older ones are removed after each successful backup
 */
public record FileSettings(List<Path> tempDirs, Duration tempMaxAge, Path uploadDir, Path backupDir, int backupKeep) {

    public static final List<String> DEFAULT_TEMP_DIRS = List.of("/tmp/personal_assistant", "logs/temp", "uploads/temp");
    public static final String DEFAULT_UPLOAD_DIR = "uploads";
    public static final String DEFAULT_BACKUP_DIR = "backups";

    public FileSettings {
        tempDirs = tempDirs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        uploadDir = uploadDir.toAbsolutePath().normalize();
        backupDir = backupDir.toAbsolutePath().normalize();
        for (Path temp : tempDirs) {
            if (temp.getParent() == null) {
                throw new ConfigException("file.temp_dirs: " + temp + " is the file system's root; name a directory of temporary files");
            }
            if (uploadDir.startsWith(temp) || backupDir.startsWith(temp)) {
                throw new ConfigException("file.temp_dirs: " + temp + " holds the upload or backup directory; its old files would be swept");
            }
        }
        if (backupKeep < 1) {
            throw new ConfigException("file.backup_keep must be at least 1, got " + backupKeep);
        }
        if (tempMaxAge.isNegative() || tempMaxAge.isZero()) {
            throw new ConfigException("file.temp_max_age must be positive");
        }
    }

    public static FileSettings from(JsonNode section) {
        List<Path> temp = new ArrayList<>();
        if (section.path("temp_dirs").isArray()) {
            int index = 0;
            for (JsonNode entry : section.path("temp_dirs")) {
                // an empty entry would be the working directory, and its old files would be swept
                if (!entry.isTextual() || entry.asText().isBlank()) {
                    throw new ConfigException("file.temp_dirs[" + index + "] is empty; every entry must name a directory");
                }
                temp.add(Path.of(entry.asText().strip()));
                index++;
            }
        } else if (!section.path("temp_dirs").isMissingNode() && !section.path("temp_dirs").isNull()) {
            throw new ConfigException("file.temp_dirs must be a list of directories");
        } else {
            DEFAULT_TEMP_DIRS.forEach(d -> temp.add(Path.of(d)));
        }
        try {
            return new FileSettings(temp, Durations.parse(section.path("temp_max_age").asText("24h")),
                    Path.of(section.path("upload_dir").asText(DEFAULT_UPLOAD_DIR)), Path.of(section.path("backup_dir").asText(DEFAULT_BACKUP_DIR)),
                    section.path("backup_keep").asInt(8));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("file: " + e.getMessage());
        }
    }

    /** Temp directories inside the upload directory: backups leave them out. */
    public List<Path> tempDirsInsideUploads() {
        return tempDirs.stream().filter(d -> d.startsWith(uploadDir)).toList();
    }
}
