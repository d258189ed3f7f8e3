package io.celeriac.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.Main;
import io.celeriac.core.testing.TestApp;
import io.celeriac.db.AdvisoryLock;
import io.celeriac.db.Database;
import io.celeriac.db.DatabaseUrl;
import io.celeriac.db.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code celeriac backup create | list --json | restore --yes} through the real command line, in
 * process: a backup of one schema restored into a fresh schema and an empty upload directory.
 */
class BackupCliIT {
    @TempDir
    Path base;
    private Path uploads;
    private Path backups;
    private Application app;

    /** What one CLI run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void setUp() throws IOException {
        uploads = base.resolve("uploads");
        backups = base.resolve("backups");
        app = TestDatabase.app(Clock.systemUTC(), null);
        Database.of(app).jdbi().useHandle(h -> {
            h.execute("INSERT INTO users (name, email, time_zone) VALUES ('Ada', 'ada@example.org', 'Europe/Paris'), ('Bob', NULL, 'UTC')");
            h.execute("INSERT INTO user_sessions (user_id, token_hash, expires_at) VALUES (1, 'h1', '2026-12-01T00:00:00Z'), (2, 'h2', '2026-12-02T00:00:00Z')");
        });
        Files.createDirectories(uploads.resolve("docs"));
        Files.writeString(uploads.resolve("avatar.txt"), "hello");
        Files.write(uploads.resolve("docs/report.bin"), new byte[] {0, 1, 2, (byte) 255});
        Files.setLastModifiedTime(uploads.resolve("avatar.txt"), FileTime.from(Instant.parse("2026-11-01T12:00:00.123Z")));
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    private Path config(String name, Path uploadDir) throws IOException {
        Path file = base.resolve(name);
        Files.writeString(file, """
                file:
                  upload_dir: %s
                  backup_dir: %s
                  temp_dirs: [%s]
                """.formatted(uploadDir, backups, uploadDir.resolve("temp")));
        return file;
    }

    private static Run celeriac(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The test database as a {@code --database-url} value, credentials included. */
    private static String databaseUrl() {
        DatabaseUrl url = TestDatabase.url();
        if (url.username() == null) {
            return url.jdbcUrl();
        }
        String separator = url.jdbcUrl().contains("?") ? "&" : "?";
        return url.jdbcUrl() + separator + "user=" + URLEncoder.encode(url.username(), StandardCharsets.UTF_8)
                + (url.password() == null ? "" : "&password=" + URLEncoder.encode(url.password(), StandardCharsets.UTF_8));
    }

    @Test
    void backup_create_then_restore_into_a_fresh_schema_and_empty_directory_gives_identical_rows_and_files() throws IOException {
        Path sourceConfig = config("source.yaml", uploads);
        Run created = celeriac("backup", "create", "--config", sourceConfig.toString(), "--database-url", databaseUrl(),
                "--schema", Database.of(app).schema());
        assertEquals(0, created.exit(), created.err());
        assertTrue(created.out().startsWith("wrote "), created.out());

        Run listed = celeriac("backup", "list", "--json", "--config", sourceConfig.toString());
        assertEquals(0, listed.exit(), listed.err());
        JsonNode archives = new ObjectMapper().readTree(listed.out());
        assertEquals(1, archives.size(), listed.out());
        JsonNode entry = archives.get(0);
        assertTrue(entry.path("ok").asBoolean(), listed.out());
        assertEquals(4, entry.path("rows").asLong(), "2 users and 2 sessions");
        assertEquals(2, entry.path("files").asInt());
        assertTrue(entry.path("problems").isEmpty());
        Path archive = Path.of(entry.path("path").asText());
        assertEquals(Files.size(archive), entry.path("bytes").asLong());

        Path restoredUploads = Files.createDirectories(base.resolve("restored-uploads"));
        String fresh = TestDatabase.freshSchema();
        Run restored = celeriac("backup", "restore", archive.toString(), "--yes", "--config",
                config("target.yaml", restoredUploads).toString(), "--database-url", databaseUrl(), "--schema", fresh);
        assertEquals(0, restored.exit(), restored.err());
        assertTrue(restored.out().startsWith("restored "), restored.out());

        try (Database target = new Database(TestDatabase.url(), fresh, 2)) {
            List<String> tables = tables(Database.of(app).jdbi());
            assertTrue(tables.containsAll(List.of("users", "user_sessions")), tables.toString());
            assertEquals(tables, tables(target.jdbi()));
            for (String table : tables) {
                assertEquals(rows(Database.of(app).jdbi(), table), rows(target.jdbi(), table), table);
            }
        }
        assertEquals(files(uploads), files(restoredUploads));
        assertEquals(Files.getLastModifiedTime(uploads.resolve("avatar.txt")), Files.getLastModifiedTime(restoredUploads.resolve("avatar.txt")));
    }

    @Test
    void backup_create_while_a_run_holds_the_lock_writes_nothing_and_exits_1() throws IOException {
        Path sourceConfig = config("source.yaml", uploads);
        try (AdvisoryLock.Held ignored = new AdvisoryLock(Database.of(app), FileTasks.BACKUP_LOCK).tryAcquire().orElseThrow()) {
            Run created = celeriac("backup", "create", "--config", sourceConfig.toString(), "--database-url", databaseUrl(),
                    "--schema", Database.of(app).schema());

            assertEquals(1, created.exit());
            assertTrue(created.err().contains("another backup run holds the lock"), created.err());
        }
        assertFalse(Files.exists(backups) && !isEmpty(backups), "no archive written");
        assertEquals("[]", celeriac("backup", "list", "--json", "--config", sourceConfig.toString()).out().strip());
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.findAny().isEmpty();
        }
    }

    private static List<String> tables(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                + " AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'flyway%' ORDER BY 1").mapTo(String.class).list());
    }

    private static List<String> rows(Jdbi jdbi, String table) {
        return new ArrayList<>(jdbi.withHandle(h -> h.createQuery("SELECT to_jsonb(t)::text FROM " + table + " t ORDER BY 1")
                .mapTo(String.class).list()));
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                contents.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return contents;
    }
}
