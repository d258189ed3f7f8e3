package io.celeriac.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.celeriac.core.CeleriacException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pooled connection to the application's PostgreSQL database, in one schema.
 * {@link #migrate()} applies every {@link MigrationSet} on the class path, shared tables first;
 * Flyway's lock makes concurrent starts of several processes safe.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** The table that records which migration scripts this schema was migrated with (see {@link SchemaStamp}). */
    public static final String SCHEMA_STAMP_TABLE = SchemaStamp.TABLE;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String schema;

    /**
     * @param schema   the schema every connection works in ({@code public} in production; tests use a fresh one)
     * @param poolSize connections in the pool
     */
    public Database(DatabaseUrl url, String schema, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        if (url.username() != null) {
            config.setUsername(url.username());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setSchema(schema);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(5_000);
        config.setPoolName("celeriac-db");
        config.setInitializationFailTimeout(-1); // start even while PostgreSQL is down; readiness says so
        this.dataSource = new HikariDataSource(config);
        this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
        this.schema = schema;
    }

    /**
     * The application's database as {@code context}'s process holds it: connected and migrated on
     * first use (a process whose tasks never call this never connects).
     */
    public static Database of(io.celeriac.core.task.ModuleContext context) {
        return context.component(Database.class);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String schema() {
        return schema;
    }

    /**
     * Applies every migration set on the class path, in order; returns how many scripts ran. When
     * the schema's {@link SchemaStamp} says these exact scripts were applied already, Flyway is not
     * even loaded.
     */
    public int migrate() {
        List<MigrationSet> sets = new ArrayList<>();
        ServiceLoader.load(MigrationSet.class).forEach(sets::add);
        sets.sort(Comparator.comparingInt(MigrationSet::order).thenComparing(MigrationSet::name));
        SchemaStamp stamp = SchemaStamp.of(sets);
        if (stamp.isRecordedIn(jdbi, schema)) {
            return 0;
        }
        int applied = 0;
        for (MigrationSet set : sets) {
            try {
                applied += FlywayRun.migrate(dataSource, schema, set);
            } catch (RuntimeException e) {
                throw new MigrationFailedException(set.name(), e);
            }
        }
        stamp.recordIn(jdbi, schema);
        log.atInfo().addKeyValue("schema", schema).addKeyValue("sets", sets.size()).addKeyValue("applied", applied)
                .log("database migrated");
        return applied;
    }

    /** True when a connection answers {@code SELECT 1} within the pool's timeout. */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** A migration set could not be applied. */
    public static final class MigrationFailedException extends CeleriacException {
        MigrationFailedException(String set, Throwable cause) {
            super("migrations of '" + set + "' failed: " + cause.getMessage(), cause);
        }
    }
}
