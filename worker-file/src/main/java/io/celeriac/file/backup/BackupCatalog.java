package io.celeriac.file.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The archives in the backup directory. Names carry the snapshot time
 * ({@code celeriac-backup-20261122T010000123Z.zip}), so name order is age order.
 */
public final class BackupCatalog {
    static final String PREFIX = "celeriac-backup-";
    static final String SUFFIX = ".zip";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;

    public BackupCatalog(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    static String nameAt(Instant instant) {
        return PREFIX + STAMP.format(instant) + SUFFIX;
    }

    /** Complete archives, newest first (temporary files of a backup in progress are not listed). */
    public List<Path> archives() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            entries.forEach(p -> {
                if (Files.isRegularFile(p)) {
                    found.add(p);
                }
            });
        } catch (IOException e) {
            throw new BackupFailedException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        return found;
    }

    /** Removes all but the newest {@code keep} archives; returns the removed ones. */
    public List<Path> prune(int keep) {
        List<Path> archives = archives();
        List<Path> removed = new ArrayList<>();
        for (Path old : archives.subList(Math.min(keep, archives.size()), archives.size())) {
            try {
                Files.deleteIfExists(old);
                removed.add(old);
            } catch (IOException e) {
                throw new BackupFailedException("cannot remove old archive " + old + ": " + e.getMessage(), e);
            }
        }
        return removed;
    }
}
