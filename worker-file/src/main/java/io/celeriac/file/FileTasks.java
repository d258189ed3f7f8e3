package io.celeriac.file;

import io.celeriac.core.task.ModuleContext;
import io.celeriac.core.task.TaskModule;
import io.celeriac.core.task.TaskOptions;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.db.AdvisoryLock;
import io.celeriac.db.Database;
import io.celeriac.file.backup.BackupCatalog;
import io.celeriac.file.backup.BackupPlan;
import io.celeriac.file.backup.BackupResult;
import io.celeriac.file.backup.BackupWriter;
import io.celeriac.file.backup.ManifestKeys;
import io.celeriac.file.cleanup.SweepReport;
import io.celeriac.file.cleanup.TempFileSweeper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Registers {@code cleanup_temp_files} and {@code backup_user_data} (queue {@code file_tasks} by
 * the application's routes). Each takes a PostgreSQL advisory lock, so two runs never overlap
 * whichever workers receive them; a run that finds the lock taken reports {@code skipped}.
 */
public final class FileTasks implements TaskModule {
    private final Map<String, String> env;

    public FileTasks() {
        this(System.getenv());
    }

    /** With this environment instead of the process's (tests): {@code CELERIAC_SECRET_KEY} signs manifests. */
    public FileTasks(Map<String, String> env) {
        this.env = env;
    }

    public static final String PREFIX = "personal_assistant.workers.tasks.file_tasks.";
    public static final String CLEANUP = PREFIX + "cleanup_temp_files";
    public static final String BACKUP = PREFIX + "backup_user_data";
    /** Advisory lock names: {@code backup create} takes the backup's too, so it never overlaps a scheduled run. */
    public static final String CLEANUP_LOCK = "celeriac.file.cleanup_temp_files";
    public static final String BACKUP_LOCK = "celeriac.file.backup_user_data";

    @Override
    public String name() {
        return "file";
    }

    /** Its tasks store data: a worker serving them is ready only while the database answers. */
    @Override
    public java.util.List<Class<?>> components() {
        return java.util.List.of(Database.class);
    }

    @Override
    public void register(TaskRegistry registry, ModuleContext context) {
        FileSettings settings = FileSettings.from(context.config("file"));
        ManifestKeys keys = ManifestKeys.from(env); // a malformed key stops the worker at start
        TempFileSweeper sweeper = new TempFileSweeper(settings.tempMaxAge(), context.clock());
        registry.register(CLEANUP, TaskOptions.defaults().maxRetries(0), ctx -> lock(context, CLEANUP_LOCK)
                .tryRun(() -> sweepResult(sweeper.sweep(settings.tempDirs()))).orElseGet(FileTasks::skipped));
        // one retry: a backup that failed on a transient database error is still worth having today
        registry.register(BACKUP, TaskOptions.defaults().maxRetries(1), ctx -> lock(context, BACKUP_LOCK)
                .tryRun(() -> backupResult(writer(settings, Database.of(context).dataSource(), keys, context.clock()).write()))
                .orElseGet(FileTasks::skipped));
    }

    /** The writer the task uses, for {@code backup create}. */
    public static BackupWriter writer(FileSettings settings, DataSource dataSource, ManifestKeys keys, Clock clock) {
        return new BackupWriter(dataSource, new BackupPlan(settings.uploadDir(), settings.tempDirsInsideUploads(),
                new BackupCatalog(settings.backupDir()), settings.backupKeep()), keys, clock);
    }

    private static AdvisoryLock lock(ModuleContext context, String name) {
        return new AdvisoryLock(Database.of(context), name);
    }

    private static Map<String, Object> sweepResult(SweepReport report) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("files_removed", report.files());
        result.put("bytes_removed", report.bytes());
        result.put("directories_removed", report.directories());
        result.put("missing_directories", report.missing());
        result.put("errors", report.errors());
        return result;
    }

    private static Map<String, Object> backupResult(BackupResult backup) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("archive", backup.archive().toString());
        result.put("bytes", backup.bytes());
        result.put("tables", backup.tables());
        result.put("rows", backup.rows());
        result.put("files", backup.files());
        result.put("removed", backup.removed().stream().map(p -> p.getFileName().toString()).toList());
        return result;
    }

    private static Map<String, Object> skipped() {
        return Map.of("skipped", "another run holds the lock");
    }
}
