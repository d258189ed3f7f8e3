package io.celeriac.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.cli.Main;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.JavaProcess;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import io.celeriac.db.DatabaseUrl;
import io.celeriac.db.testing.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code celeriac dev} on the real Redis and PostgreSQL: it creates the database it is given when
 * absent (a random name here; without one it is {@code celeriac_dev}), keeps its tables there,
 * writes its files under its data directory, and says both in the banner, password masked.
 */
class DevOwnDatabaseIT {
    private static final String PASSWORD = "s3cret-" + UUID.randomUUID().toString().substring(0, 6);
    private static String database;
    private static String prefix;
    private static Path config;

    @BeforeAll
    static void privateNames() throws Exception {
        database = "devit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        prefix = TestApp.randomPrefix();
        // the packaged application (every queue, the beat), on private Redis keys
        String packaged;
        try (InputStream in = DevOwnDatabaseIT.class.getClassLoader().getResourceAsStream("celeriac.yaml")) {
            packaged = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        config = Files.createTempFile("celeriac-dev", ".yaml");
        Files.writeString(config, "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\n" + packaged);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        TestDatabase.dropDatabase(database);
    }

    @Test
    void dev_creates_its_database_keeps_files_in_its_data_directory_and_says_where() throws Exception {
        Path data = Files.createTempDirectory("celeriac-dev-data");
        String broker = "--broker-url=redis://" + TestRedis.url().host() + ":" + TestRedis.url().port() + "/" + TestRedis.url().database();
        try (JavaProcess dev = JavaProcess.celeriac(Map.of(), "dev", broker, "--config=" + config,
                "--database-url=" + urlWithPassword(database), "--data-dir=" + data, "--http-port=0", "--exporter-port=0", "--dashboard-port=0")) {
            // the banner's last line: its first ("Celeriac is running") can be read before the lines under it
            Eventually.await("dev is up", Duration.ofSeconds(90), () -> dev.log().contains("./celeriac status") || !dev.isAlive());
            String log = dev.log();
            assertTrue(log.contains("created the database " + database), log);
            assertTrue(log.contains("PostgreSQL   jdbc:postgresql://") && log.contains("/" + database), log);
            assertFalse(log.contains(PASSWORD), "the password is masked: " + log);
            assertTrue(log.contains("data         " + data), log);
            assertTrue(log.contains("backups    " + data.resolve("backups")), log);
            assertTrue(log.contains("e-mails    " + data.resolve("data/outbox")), log);
            assertFalse(log.contains("export CELERIAC_DATABASE_URL"), "the database was named explicitly: " + log);
            assertTrue(tableCount(database) > 0, "the application's tables are in dev's database");

            assertEquals(0, Main.run("send", "personal_assistant.workers.tasks.file_tasks.backup_user_data", "--wait",
                    "--timeout=60s", broker, "--config=" + config));
            try (Stream<Path> archives = Files.list(data.resolve("backups"))) {
                assertEquals(1, archives.count(), "the backup went into the data directory");
            }
            assertFalse(Files.exists(Path.of("backups")), "nothing in the working directory");
            assertEquals(0, dev.terminate(Duration.ofSeconds(60)), dev.log());
        }
    }

    /** The test server's URL for {@code name}, with a password that trust authentication ignores. */
    private static String urlWithPassword(String name) {
        DatabaseUrl base = TestDatabase.url();
        String server = base.jdbcUrl().substring("jdbc:postgresql://".length(), base.jdbcUrl().indexOf('/', "jdbc:postgresql://".length()));
        String user = base.username() != null ? base.username() : "postgres";
        return "postgresql://" + user + ":" + PASSWORD + "@" + server + "/" + name;
    }

    private static int tableCount(String name) throws SQLException {
        DatabaseUrl base = TestDatabase.url();
        DatabaseUrl url = DevDatabase.onDatabase(base, name).orElseThrow();
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.username(), url.password());
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
