package io.celeriac.db.testing;

import io.celeriac.core.app.Application;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import io.celeriac.db.Database;
import io.celeriac.db.DatabaseSettings;
import io.celeriac.db.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The PostgreSQL tests talk to: {@code CELERIAC_TEST_DATABASE_URL}, else the local server
 * (127.0.0.1:5432, user postgres, database test), else an embedded one started once per JVM.
 * Each test class takes a fresh schema, so classes never see each other's rows.
 */
public final class TestDatabase {
    private static DatabaseUrl url;
    private static EmbeddedPostgres embedded;

    private TestDatabase() {
    }

    public static synchronized DatabaseUrl url() {
        if (url == null) {
            String configured = System.getenv("CELERIAC_TEST_DATABASE_URL");
            if (configured != null && !configured.isBlank()) {
                url = DatabaseUrl.parse(configured);
            } else if (answers("127.0.0.1", 5432) && canLogIn("jdbc:postgresql://127.0.0.1:5432/test", "postgres")) {
                url = DatabaseUrl.parse("postgresql://postgres@127.0.0.1:5432/test");
            } else {
                url = startEmbedded();
            }
        }
        return url;
    }

    /** A new random schema name. */
    public static String freshSchema() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /**
     * An isolated application ({@link TestApp#isolatedConfig}) whose database is a fresh schema of
     * the test PostgreSQL (migrated on first use), for modules that store data.
     */
    public static Application app(Clock clock, String extraYaml) {
        return new Application(TestApp.isolatedConfig(extraYaml), TestRedis.url(), null, 48, clock, new SplittableRandom(42),
                DatabaseSettings.of(url(), freshSchema()));
    }

    /** A database on a fresh schema with every migration set applied. */
    public static Database migrated() {
        Database database = new Database(url(), freshSchema(), 4);
        database.migrate();
        return database;
    }

    /**
     * Creates a database of its own, for commands that keep their tables in {@code public} (a CLI
     * run as operators run it); returns its URL for {@code --database-url}. Drop it with
     * {@link #dropDatabase}.
     */
    public static String createDatabase(String name) throws SQLException {
        execute("CREATE DATABASE " + name);
        DatabaseUrl base = url();
        String jdbc = base.jdbcUrl();
        String server = jdbc.substring(0, jdbc.indexOf('/', "jdbc:postgresql://".length()) + 1);
        String user = base.username() != null ? base.username() : "postgres";
        return server + name + "?user=" + user + (base.password() != null ? "&password=" + base.password() : "");
    }

    public static void dropDatabase(String name) throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) throws SQLException {
        DatabaseUrl base = url();
        try (Connection c = DriverManager.getConnection(base.jdbcUrl(), base.username(), base.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static DatabaseUrl startEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // exiting
                }
            }));
            return DatabaseUrl.parse("postgresql://postgres@127.0.0.1:" + embedded.getPort() + "/postgres");
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL on 127.0.0.1:5432 and the embedded one did not start", e);
        }
    }

    private static boolean canLogIn(String jdbc, String user) {
        try (Connection ignored = DriverManager.getConnection(jdbc, user, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
