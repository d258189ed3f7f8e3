package io.celeriac.dist;

import io.celeriac.core.component.Settings;
import io.celeriac.core.config.ConfigException;
import io.celeriac.db.DatabaseSettings;
import io.celeriac.db.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database {@code celeriac dev} keeps its tables in: its own ({@value #DEV_DATABASE} on the
 * default server) unless {@code --database-url} or the environment names one, which is used as it
 * is. Either is created when absent, through the server's maintenance database, so a first
 * {@code dev} on a fresh server works and never fills the {@code postgres} database.
 */
final class DevDatabase {
    static final String DEV_DATABASE = "celeriac_dev";
    /** {@value #DEV_DATABASE} on the default server, as a command line takes it. */
    static final String DEFAULT_DEV_URL = DatabaseSettings.DEFAULT_URL.substring(0, DatabaseSettings.DEFAULT_URL.lastIndexOf('/') + 1)
            + DEV_DATABASE;
    /** Where {@code CREATE DATABASE} is sent from: every server has one of these, {@code postgres} usually. */
    private static final List<String> MAINTENANCE_DATABASES = List.of("postgres", "template1");
    /** {@code jdbc:postgresql://host:port/} then the database then the parameters. */
    private static final Pattern JDBC = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?$");
    private static final String DUPLICATE_DATABASE = "42P04";

    private DevDatabase() {
    }

    /** The explicit URL of {@code settings} as it is, else {@value #DEV_DATABASE} on the default server. */
    static DatabaseUrl choose(Settings settings) {
        if (explicit(settings)) {
            return DatabaseSettings.url(settings);
        }
        return DatabaseUrl.parse(DEFAULT_DEV_URL);
    }

    /** Whether the command line or the environment named the database. */
    static boolean explicit(Settings settings) {
        return settings.get(DatabaseSettings.URL).isPresent();
    }

    /** The database {@code url} names, or empty for a {@code jdbc:} URL this class cannot take apart. */
    static Optional<String> name(DatabaseUrl url) {
        Matcher m = JDBC.matcher(url.jdbcUrl());
        return m.matches() ? Optional.of(m.group(2).isEmpty() ? "postgres" : m.group(2)) : Optional.empty();
    }

    /** {@code url} with another database on the same server, same credentials and parameters. */
    static Optional<DatabaseUrl> onDatabase(DatabaseUrl url, String database) {
        Matcher m = JDBC.matcher(url.jdbcUrl());
        if (!m.matches()) {
            return Optional.empty();
        }
        String jdbc = m.group(1) + database + (m.group(3) == null ? "" : m.group(3));
        return Optional.of(new DatabaseUrl(jdbc, url.username(), url.password()));
    }

    /** Whether the server of {@code url} lets us in: to its database, or to a maintenance one (the database may not exist yet). */
    static boolean serverAnswers(DatabaseUrl url) {
        List<DatabaseUrl> tried = new ArrayList<>(List.of(url));
        tried.addAll(candidates(url));
        // refused, unknown host, or that database is not there: try the next
        return tried.stream().anyMatch(DevDatabase::canConnect);
    }

    /**
     * Creates {@code url}'s database when the server has none of that name; true when it made it.
     * A {@code jdbc:} URL this class cannot take apart is assumed to exist.
     */
    static boolean createIfAbsent(DatabaseUrl url) {
        Optional<String> name = name(url);
        if (name.isEmpty() || MAINTENANCE_DATABASES.contains(name.get()) || canConnect(url)) {
            return false;
        }
        SQLException last = null;
        for (DatabaseUrl maintenance : candidates(url)) {
            try (Connection c = connect(maintenance)) {
                if (exists(c, name.get())) {
                    return false;
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + quote(name.get()));
                    return true;
                } catch (SQLException e) {
                    if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                        return false; // another dev made it meanwhile
                    }
                    throw new ConfigException("cannot create the database " + name.get() + " on " + url.redacted() + ": "
                            + e.getMessage() + "; create it, or name another with --database-url");
                }
            } catch (SQLException e) {
                last = e;
            }
        }
        throw new ConfigException("cannot reach PostgreSQL at " + url.redacted() + " to create the database " + name.get()
                + (last == null ? "" : ": " + last.getMessage()));
    }

    private static boolean canConnect(DatabaseUrl url) {
        try (Connection ignored = connect(url)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static List<DatabaseUrl> candidates(DatabaseUrl url) {
        return MAINTENANCE_DATABASES.stream().map(db -> onDatabase(url, db)).flatMap(Optional::stream).toList();
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, name);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static Connection connect(DatabaseUrl url) throws SQLException {
        Properties props = new Properties();
        if (url.username() != null) {
            props.setProperty("user", url.username());
        }
        if (url.password() != null) {
            props.setProperty("password", url.password());
        }
        props.setProperty("connectTimeout", "2");
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
