package io.celeriac.db;

import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.component.Settings;

/**
 * The database's settings as the engine carries them ({@link Settings}): {@code database.url}
 * (from {@code --database-url}, {@code CELERIAC_DATABASE_URL} or {@code DATABASE_URL}),
 * {@code database.schema} and {@code database.pool_size}.
 */
public final class DatabaseSettings {
    public static final String URL = ConnectionOptions.DATABASE_URL_SETTING;
    public static final String SCHEMA = "database.schema";
    public static final String POOL_SIZE = "database.pool_size";

    /** The default database: the local server's always-present {@code postgres} database. */
    public static final String DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
    static final String DEFAULT_SCHEMA = "public";
    static final int DEFAULT_POOL_SIZE = 8;

    private DatabaseSettings() {
    }

    /** The database URL the settings name, else {@link #DEFAULT_URL}; a malformed one throws IllegalArgumentException. */
    public static DatabaseUrl url(Settings settings) {
        return DatabaseUrl.parse(settings.get(URL).orElse(DEFAULT_URL));
    }

    public static String schema(Settings settings) {
        return settings.get(SCHEMA).orElse(DEFAULT_SCHEMA);
    }

    public static int poolSize(Settings settings) {
        String text = settings.get(POOL_SIZE).orElse(String.valueOf(DEFAULT_POOL_SIZE));
        try {
            int size = Integer.parseInt(text.strip());
            if (size < 1) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(POOL_SIZE + " must be a whole number of 1 or more, got '" + text + "'");
        }
    }

    /** Settings for a database at {@code url} in {@code schema} (tests, embedded servers). */
    public static Settings of(DatabaseUrl url, String schema) {
        return Settings.of(URL, url.jdbcUrl() + credentials(url), SCHEMA, schema);
    }

    private static String credentials(DatabaseUrl url) {
        if (url.username() == null) {
            return "";
        }
        String separator = url.jdbcUrl().contains("?") ? "&" : "?";
        String user = java.net.URLEncoder.encode(url.username(), java.nio.charset.StandardCharsets.UTF_8);
        String password = url.password() == null ? ""
                : "&password=" + java.net.URLEncoder.encode(url.password(), java.nio.charset.StandardCharsets.UTF_8);
        return separator + "user=" + user + password;
    }
}
