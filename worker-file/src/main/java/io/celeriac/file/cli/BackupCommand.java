package io.celeriac.file.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.db.Database;
import io.celeriac.db.DatabaseSettings;
import io.celeriac.file.FileSettings;
import io.celeriac.file.backup.BackupCatalog;
import io.celeriac.file.backup.BackupRestorer;
import io.celeriac.file.backup.BackupVerifier;
import io.celeriac.file.backup.ManifestKeys;
import io.celeriac.file.backup.RestoreRefusedException;
import io.celeriac.file.backup.RestoreReport;
import io.celeriac.file.backup.VerifyReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code celeriac backup create|list [--json]|verify ARCHIVE|restore ARCHIVE [--yes]}. Reads {@code file:} of the config; needs no Redis. */
@Command(name = "backup", mixinStandardHelpOptions = true, description = "Create, list, verify or restore backup archives.",
        subcommands = {CreateBackup.class, BackupCommand.ListArchives.class, BackupCommand.Verify.class, BackupCommand.Restore.class})
public final class BackupCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the archives in file.backup_dir, newest first.")
    static final class ListArchives implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--json", description = "One JSON array: archive, path, bytes, modified, tables, rows, files, ok, problems.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            FileSettings settings = FileSettings.from(connection.loadConfig().section("file"));
            PrintWriter out = spec.commandLine().getOut();
            BackupVerifier verifier = new BackupVerifier(ManifestKeys.from(System.getenv()), false);
            List<Map<String, Object>> entries = new ArrayList<>();
            for (Path archive : new BackupCatalog(settings.backupDir()).archives()) {
                VerifyReport report = verifier.verify(archive);
                long bytes = Files.size(archive);
                Instant modified = Instant.ofEpochMilli(Files.getLastModifiedTime(archive).toMillis());
                if (json) {
                    entries.add(entry(archive, bytes, modified, report));
                    continue;
                }
                String contents = report.manifest() == null ? "unreadable"
                        : report.manifest().tables().size() + " tables, " + report.manifest().rows() + " rows, "
                        + report.manifest().files().size() + " files";
                out.printf("%s  %,d bytes  %s  %s  %s%n", archive.getFileName(), bytes, modified, contents,
                        (report.ok() ? "ok" : "CORRUPT") + ", " + report.signatureText());
            }
            if (json) {
                out.println(JSON.writeValueAsString(entries));
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static Map<String, Object> entry(Path archive, long bytes, Instant modified, VerifyReport report) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("archive", archive.getFileName().toString());
            entry.put("path", archive.toAbsolutePath().toString());
            entry.put("bytes", bytes);
            entry.put("modified", modified.toString());
            entry.put("tables", report.manifest() == null ? null : report.manifest().tables().size());
            entry.put("rows", report.manifest() == null ? null : report.manifest().rows());
            entry.put("files", report.manifest() == null ? null : report.manifest().files().size());
            entry.put("ok", report.ok());
            entry.put("signature", report.signature().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("problems", report.problems());
            return entry;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = {
            "Check every part of ARCHIVE against its manifest's SHA-256, and the manifest's signature (HMAC-SHA256 under"
                    + " CELERIAC_SECRET_KEY, or one of CELERIAC_SECRET_KEY_PREVIOUS). Exit 1 names the parts that do not match,"
                    + " or a signature that does not; an unsigned archive is said to be so."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARCHIVE", description = "The archive file.")
        Path archive;

        @Option(names = "--require-signature", description = "Also fail (exit 1) when the archive is unsigned or its signature cannot be checked.")
        boolean requireSignature;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(archive)) {
                throw new IllegalArgumentException("no archive at " + archive);
            }
            VerifyReport report = new BackupVerifier(ManifestKeys.from(System.getenv()), requireSignature).verify(archive);
            if (report.ok()) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%s: ok, %s (%d tables, %d rows, %d files)%n", archive.getFileName(), report.signatureText(),
                        report.manifest().tables().size(), report.manifest().rows(), report.manifest().files().size());
                if (!report.signedAndOk()) {
                    out.println("note: its checksums show the archive is intact, not that nobody altered it;"
                            + " archives written with CELERIAC_SECRET_KEY set are signed, and verify checks them with the same key");
                }
                return ExitCodes.OK;
            }
            PrintWriter err = spec.commandLine().getErr();
            report.problems().forEach(p -> err.println(archive.getFileName() + ": " + p));
            return ExitCodes.FAILURE;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Restore ARCHIVE into an empty database (migrated first) and an empty file.upload_dir.")
    static final class Restore implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "ARCHIVE", description = "The archive file.")
        Path archive;

        @Option(names = "--schema", defaultValue = "public", description = "Schema to restore into. Default: ${DEFAULT-VALUE}.")
        String schema;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (required when there is no terminal).")
        boolean yes;

        @Option(names = "--require-signature", description = "Refuse an archive that is unsigned or whose signature cannot be checked.")
        boolean requireSignature;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(archive)) {
                throw new IllegalArgumentException("no archive at " + archive);
            }
            FileSettings settings = FileSettings.from(connection.loadConfig().section("file"));
            BackupVerifier verifier = new BackupVerifier(ManifestKeys.from(System.getenv()), requireSignature);
            PrintWriter err = spec.commandLine().getErr();
            Integer refused = confirm(err, "Restore " + archive.getFileName() + " into schema " + schema + " and "
                    + settings.uploadDir() + "?");
            if (refused != null) {
                return refused;
            }
            try (Database database = new Database(DatabaseSettings.url(connection.settings()), schema, 2)) {
                database.migrate();
                RestoreReport report = new BackupRestorer(database.dataSource(), settings.uploadDir(),
                        settings.tempDirsInsideUploads(), verifier).restore(archive);
                spec.commandLine().getOut().printf("restored %d tables (%d rows) and %d files from %s (%s)%n",
                        report.tables(), report.rows(), report.files(), archive.getFileName(),
                        verifier.verify(archive).signatureText());
                return ExitCodes.OK;
            } catch (RestoreRefusedException e) {
                err.println("celeriac: restore refused: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        }

        /** Null to go ahead; else the exit code (1 answered no, 2 nothing to read an answer from). */
        private Integer confirm(PrintWriter err, String question) {
            if (yes) {
                return null;
            }
            err.print(question + " [y/N] ");
            err.flush();
            String answer;
            try {
                answer = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
            } catch (IOException e) {
                answer = null;
            }
            if (answer == null) {
                err.println();
                err.println("celeriac: no answer on standard input; pass --yes to confirm without a prompt");
                return ExitCodes.USAGE;
            }
            if (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes")) {
                return null;
            }
            err.println("aborted; nothing changed");
            return ExitCodes.FAILURE;
        }
    }
}
