package io.celeriac.file.backup;

import java.nio.file.Path;
import java.util.List;

/**
 * What a backup takes and where it goes.
 *
 * @param uploadDir the user uploads every backup includes
 * @param excluded  directories inside {@code uploadDir} left out (temporary uploads)
 * @param catalog   the backup directory
 * @param keep      archives kept; older ones are removed after each successful backup
 */
public record BackupPlan(Path uploadDir, List<Path> excluded, BackupCatalog catalog, int keep) {
    public BackupPlan {
        excluded = List.copyOf(excluded);
    }
}
