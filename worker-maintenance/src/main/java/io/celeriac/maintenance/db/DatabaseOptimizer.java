package io.celeriac.maintenance.db;

import io.celeriac.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code VACUUM (ANALYZE)} of every table in the application's schema, one at a time.
 *
 * <ol>
 *   <li>list the schema's tables with dead tuples and total size;</li>
 *   <li>for each: VACUUM (ANALYZE) on an autocommit connection (VACUUM refuses to run in a
 *       transaction), under a lock timeout so a table busy with DDL is skipped, not waited on;</li>
 *   <li>read the figures again.</li>
 * </ol>
 * Plain VACUUM (not FULL) takes no lock that blocks reads or writes, and returns space for reuse
 * rather than to the OS, so sizes often stay the same; dead tuples are what it reclaims. The
 * "after" figures come from PostgreSQL's statistics, updated by VACUUM itself from PostgreSQL 15.
 */
public final class DatabaseOptimizer {
    private static final Logger log = LoggerFactory.getLogger(DatabaseOptimizer.class);
    private static final String STATS = """
            SELECT c.relname, coalesce(s.n_dead_tup, 0) AS dead, pg_total_relation_size(c.oid) AS bytes
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
             WHERE n.nspname = current_schema() AND c.relkind = 'r'
             ORDER BY c.relname""";

    private final Database database;
    private final Duration lockTimeout;

    public DatabaseOptimizer(Database database, Duration lockTimeout) {
        this.database = database;
        this.lockTimeout = lockTimeout;
    }

    /** One table's figures around its VACUUM; {@code error} is null when it succeeded. */
    public record TableResult(TableStats before, TableStats after, String error) {
    }

    public List<TableResult> run() {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            Map<String, TableStats> before = stats(connection);
            Map<String, String> errors = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET lock_timeout = " + Math.max(1, lockTimeout.toMillis()));
                for (String table : before.keySet()) {
                    long started = System.nanoTime();
                    try {
                        statement.execute("VACUUM (ANALYZE) " + quote(database.schema()) + "." + quote(table));
                        log.atInfo().addKeyValue("table", table)
                                .addKeyValue("elapsed_ms", (System.nanoTime() - started) / 1_000_000)
                                .log("table vacuumed");
                    } catch (SQLException e) {
                        errors.put(table, e.getMessage());
                        log.atWarn().addKeyValue("table", table).addKeyValue("error", e.getMessage())
                                .log("table not vacuumed");
                    }
                }
                statement.execute("RESET lock_timeout");
            }
            Map<String, TableStats> after = stats(connection);
            List<TableResult> results = new ArrayList<>();
            before.forEach((table, stats) -> results.add(new TableResult(stats, after.get(table), errors.get(table))));
            return results;
        } catch (SQLException e) {
            throw new MaintenanceDatabaseException("could not optimize the database", e);
        }
    }

    private static Map<String, TableStats> stats(Connection connection) throws SQLException {
        Map<String, TableStats> stats = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(STATS); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                stats.put(rs.getString(1), new TableStats(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
        }
        return stats;
    }

    /** An identifier quoted for SQL: table names come from the catalog, yet may hold any character. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
