package io.celeriac.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.cli.Main;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.core.testing.TestApp;
import io.celeriac.db.Database;
import io.celeriac.db.testing.TestDatabase;
import io.celeriac.file.backup.BackupCatalog;
import io.celeriac.file.backup.BackupRestorer;
import io.celeriac.file.backup.BackupResult;
import io.celeriac.file.backup.BackupVerifier;
import io.celeriac.file.backup.ManifestKeys;
import io.celeriac.file.backup.RestoreRefusedException;
import io.celeriac.file.backup.VerifyReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Backups against a real PostgreSQL: snapshot, archive, verify, restore into a fresh schema. */
class BackupIT {
    static final ManifestKeys KEYS = ManifestKeys.from(Map.of("CELERIAC_SECRET_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32])));
    private static final String EXTRA_TABLE = """
            CREATE TABLE notes_extra (
                id BIGSERIAL PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES users (id),
                body TEXT, data JSONB, blob BYTEA, at TIMESTAMPTZ)""";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T01:00:00Z"));
    @TempDir
    Path base;
    private Path uploads;
    private Application app;
    private FileSettings settings;

    @BeforeEach
    void setUp() throws IOException {
        uploads = base.resolve("uploads");
        String yaml = """
                file:
                  upload_dir: %s
                  backup_dir: %s
                  temp_dirs: [%s]
                  backup_keep: 2
                """.formatted(uploads, base.resolve("backups"), uploads.resolve("temp"));
        app = TestDatabase.app(clock, yaml);
        settings = FileSettings.from(app.config("file"));
        Jdbi jdbi = Database.of(app).jdbi();
        jdbi.useHandle(h -> {
            h.execute(EXTRA_TABLE);
            h.execute("INSERT INTO users (name, email, time_zone) VALUES ('Ada', 'ada@example.org', 'Europe/Paris'), ('Bob', NULL, 'UTC')");
            h.execute("INSERT INTO user_sessions (user_id, token_hash, expires_at) VALUES (1, 'h1', '2026-12-01T00:00:00Z')");
            h.execute("INSERT INTO notes_extra (user_id, body, data, blob, at) VALUES"
                    + " (1, E'tab\\there\\nnew line \\\\ backslash, ünïcode', '{\"k\": [1, null]}', '\\x00ff10', '2026-11-21T10:00:00Z'),"
                    + " (2, NULL, NULL, NULL, NULL)");
            h.execute("DELETE FROM notes_extra WHERE id = 2");
            h.execute("INSERT INTO notes_extra (user_id, body) VALUES (2, 'after a gap')");
        });
        Files.createDirectories(uploads.resolve("docs/2026"));
        Files.writeString(uploads.resolve("avatar.txt"), "hello");
        Files.write(uploads.resolve("docs/2026/report.bin"), new byte[] {0, 1, 2, (byte) 255});
        Files.createDirectories(uploads.resolve("temp"));
        Files.writeString(uploads.resolve("temp/partial.upload"), "not backed up");
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    private BackupResult backup() {
        return backup(KEYS);
    }

    private BackupResult backup(ManifestKeys keys) {
        return FileTasks.writer(settings, Database.of(app).dataSource(), keys, clock).write();
    }

    private static BackupVerifier verifier() {
        return new BackupVerifier(KEYS, false);
    }

    @Test
    void backup_then_restore_into_a_fresh_schema_gives_identical_rows_sequences_and_files() throws IOException {
        BackupResult result = backup();

        assertEquals(List.of(result.archive()), new BackupCatalog(settings.backupDir()).archives());
        assertEquals(2, result.files(), "temp uploads are left out");
        VerifyReport verified = verifier().verify(result.archive());
        assertTrue(verified.ok(), verified.problems().toString());
        assertTrue(verified.manifest().tables().stream().anyMatch(t -> t.name().equals("notes_extra")), "tables found in the catalog");

        Path restoredUploads = base.resolve("restored-uploads");
        try (Database target = new Database(TestDatabase.url(), TestDatabase.freshSchema(), 2)) {
            target.migrate();
            target.jdbi().useHandle(h -> h.execute(EXTRA_TABLE)); // as the owning module's migration would
            new BackupRestorer(target.dataSource(), restoredUploads, List.of(), verifier()).restore(result.archive());

            for (String table : List.of("users", "user_sessions", "notes_extra")) {
                assertEquals(rows(Database.of(app).jdbi(), table), rows(target.jdbi(), table), table);
            }
            assertEquals(nextId(Database.of(app).jdbi()), nextId(target.jdbi()), "sequences continue where they were");
            assertEquals(files(uploads, List.of(uploads.resolve("temp"))), files(restoredUploads, List.of()));
            assertEquals(Files.getLastModifiedTime(uploads.resolve("avatar.txt")), Files.getLastModifiedTime(restoredUploads.resolve("avatar.txt")));

            RestoreRefusedException again = assertThrows(RestoreRefusedException.class,
                    () -> new BackupRestorer(target.dataSource(), base.resolve("empty"), List.of(), verifier()).restore(result.archive()));
            assertTrue(again.getMessage().contains("is not empty"), again.getMessage());
        }
    }

    @Test
    void a_corrupted_archive_fails_verify_naming_the_part_that_does_not_match() throws IOException {
        Path archive = backup().archive();
        Path corrupted = base.resolve("corrupted.zip");
        rewrite(archive, corrupted, "tables/users.copy", "99\tMallory\tm@example.org\n");

        VerifyReport report = verifier().verify(corrupted);

        assertFalse(report.ok());
        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).startsWith("part tables/users.copy does not match its checksum"), report.problems().get(0));

        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(1, cli.execute("backup", "verify", corrupted.toString()));
        assertTrue(err.toString().contains("tables/users.copy"), err.toString());
        assertEquals(0, Main.commandLine().execute("backup", "verify", archive.toString()));
    }

    @Test
    void retention_keeps_the_newest_archives() {
        BackupResult first = backup();
        clock.advance(Duration.ofDays(7));
        BackupResult second = backup();
        clock.advance(Duration.ofDays(7));
        BackupResult third = backup();

        assertEquals(List.of(third.archive(), second.archive()), new BackupCatalog(settings.backupDir()).archives());
        assertEquals(List.of(first.archive()), third.removed());
    }

    private static List<String> rows(Jdbi jdbi, String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT to_jsonb(t)::text FROM " + table + " t ORDER BY 1").mapTo(String.class).list());
    }

    private static long nextId(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT nextval(pg_get_serial_sequence('notes_extra', 'id'))").mapTo(Long.class).one());
    }

    private static Map<String, String> files(Path root, List<Path> excluded) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> excluded.stream().noneMatch(p::startsWith)).toList()) {
                contents.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return contents;
    }

    /** Copies the archive, replacing one part's content and keeping the original manifest. */
    private static void rewrite(Path from, Path to, String part, String content) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream file = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : in.stream().toList()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(part)) {
                    out.write(content.getBytes(StandardCharsets.UTF_8));
                } else {
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
    }
}
