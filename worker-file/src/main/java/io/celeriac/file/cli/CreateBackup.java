package io.celeriac.file.cli;

import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.db.AdvisoryLock;
import io.celeriac.db.Database;
import io.celeriac.db.DatabaseSettings;
import io.celeriac.file.FileSettings;
import io.celeriac.file.FileTasks;
import io.celeriac.file.backup.BackupResult;
import io.celeriac.file.backup.ManifestKeys;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac backup create}: writes a backup now, in this process, exactly as the
 * {@code backup_user_data} task does (same writer, retention and advisory lock), so it never
 * overlaps a scheduled run. Exit 1 when a run already holds the lock.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Write a backup archive into file.backup_dir now (same lock and retention as the backup_user_data task).")
final class CreateBackup implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--schema", defaultValue = "public", description = "Schema to back up. Default: ${DEFAULT-VALUE}.")
    String schema;

    @Override
    public Integer call() {
        FileSettings settings = FileSettings.from(connection.loadConfig().section("file"));
        ManifestKeys keys = ManifestKeys.from(System.getenv());
        try (Database database = new Database(DatabaseSettings.url(connection.settings()), schema, 2)) {
            Optional<BackupResult> written = new AdvisoryLock(database, FileTasks.BACKUP_LOCK)
                    .tryRun(() -> FileTasks.writer(settings, database.dataSource(), keys, Clock.systemUTC()).write());
            if (written.isEmpty()) {
                spec.commandLine().getErr().println("celeriac: skipped: another backup run holds the lock; nothing written");
                return ExitCodes.FAILURE;
            }
            BackupResult result = written.get();
            spec.commandLine().getOut().printf("wrote %s (%,d bytes: %d tables, %d rows, %d files, %s); removed %d old archive(s)%n",
                    result.archive(), result.bytes(), result.tables(), result.rows(), result.files(),
                    keys.canSign() ? "signed" : "UNSIGNED: set CELERIAC_SECRET_KEY to sign", result.removed().size());
            return ExitCodes.OK;
        }
    }
}
