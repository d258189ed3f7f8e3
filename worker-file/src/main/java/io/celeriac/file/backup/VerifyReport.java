package io.celeriac.file.backup;

import java.util.List;

/**
 * The outcome of checking an archive: its manifest (null when unreadable) and one line per
 * problem, each naming the part at fault.
 */
public record VerifyReport(BackupManifest manifest, List<String> problems) {
    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return manifest != null && problems.isEmpty();
    }
}
