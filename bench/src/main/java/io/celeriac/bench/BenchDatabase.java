package io.celeriac.bench;

import io.celeriac.core.component.Settings;
import io.celeriac.db.DatabaseSettings;
import io.celeriac.db.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of the bench's own on the server the command line names (or the default one), for
 * {@code ai create}: made at the start, dropped at the end, so the figures never touch an
 * application's data and its rows never stay behind.
 */
final class BenchDatabase implements AutoCloseable {
    /** {@code jdbc:postgresql://host:port/} then the database then the parameters. */
    private static final Pattern JDBC = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?$");

    private final DatabaseUrl server;
    private final String name;

    private BenchDatabase(DatabaseUrl server, String name) {
        this.server = server;
        this.name = name;
    }

    /**
     * Creates {@code celeriac_bench_<random>} on the server of {@code settings}' database URL.
     *
     * @throws SQLException when the server does not answer or refuses (the caller skips {@code ai create} and says why)
     */
    static BenchDatabase create(Settings settings) throws SQLException {
        DatabaseUrl configured = DatabaseSettings.url(settings);
        if (!JDBC.matcher(configured.jdbcUrl()).matches()) {
            throw new SQLException("cannot name another database on " + configured.redacted());
        }
        String name = "celeriac_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        BenchDatabase database = new BenchDatabase(configured, name);
        database.execute("CREATE DATABASE " + name);
        return database;
    }

    /** Its URL in the form {@code --database-url} and {@code CELERIAC_DATABASE_URL} take (credentials as parameters). */
    String url() {
        DatabaseUrl url = on(name);
        return DatabaseSettings.of(url, "public").get(DatabaseSettings.URL).orElseThrow();
    }

    /** For the report: no password. */
    String redacted() {
        return on(name).redacted();
    }

    @Override
    public void close() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private DatabaseUrl on(String database) {
        Matcher m = JDBC.matcher(server.jdbcUrl());
        if (!m.matches()) {
            throw new IllegalStateException("checked in create");
        }
        return new DatabaseUrl(m.group(1) + database + (m.group(3) == null ? "" : m.group(3)), server.username(), server.password());
    }

    /** Sent from the configured database, else the server's {@code postgres} database. */
    private void execute(String sql) throws SQLException {
        SQLException failure;
        try {
            run(server, sql);
            return;
        } catch (SQLException e) {
            failure = e;
        }
        try {
            run(on("postgres"), sql);
        } catch (SQLException e) {
            e.addSuppressed(failure);
            throw e;
        }
    }

    private static void run(DatabaseUrl url, String sql) throws SQLException {
        Properties props = new Properties();
        if (url.username() != null) {
            props.setProperty("user", url.username());
        }
        if (url.password() != null) {
            props.setProperty("password", url.password());
        }
        props.setProperty("connectTimeout", "3");
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), props); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
