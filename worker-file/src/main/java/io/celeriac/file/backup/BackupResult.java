package io.celeriac.file.backup;

import java.nio.file.Path;
import java.util.List;

/** A written archive: where, what it holds, and the old archives retention removed. */
public record BackupResult(Path archive, long bytes, int tables, long rows, int files, List<Path> removed) {
}
