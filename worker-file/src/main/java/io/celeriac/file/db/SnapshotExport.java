package io.celeriac.file.db;

import io.celeriac.db.Database;
import java.io.OutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Reads every table of the application's schema in one REPEATABLE READ, read-only transaction, so
 * all tables are exported as of the same instant while other tasks keep writing. Tables are found
 * in the catalog, not listed here, so every module's tables are included (Flyway's history tables
 * are left out: the migrations recreate them).
 */
public final class SnapshotExport implements AutoCloseable {
    private final Connection connection;

    private SnapshotExport(Connection connection) {
        this.connection = connection;
    }

    public static SnapshotExport open(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            return new SnapshotExport(connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The schema's tables, sorted; the first query, so the snapshot starts here. Migration
     * bookkeeping is not data: Flyway's history tables and the database module's schema stamp
     * belong to the code that migrates the restored database, not to the backup.
     */
    public List<String> tables() throws SQLException {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                + " AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'flyway\\_history\\_%'"
                + " AND table_name <> '" + Database.SCHEMA_STAMP_TABLE + "' ORDER BY table_name");
    }

    /** Sequence name to {@code [last_value, is_called]}, so a restored database hands out the same next ids. */
    public Map<String, long[]> sequences() throws SQLException {
        Map<String, long[]> values = new LinkedHashMap<>();
        for (String sequence : strings("SELECT sequence_name FROM information_schema.sequences"
                + " WHERE sequence_schema = current_schema() ORDER BY sequence_name")) {
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT last_value, is_called FROM " + Sql.quote(sequence))) {
                rs.next();
                values.put(sequence, new long[] {rs.getLong(1), rs.getBoolean(2) ? 1 : 0});
            }
        }
        return values;
    }

    /** Writes {@code table} in COPY text format to {@code out}; returns the row count. */
    public long copyOut(String table, OutputStream out) throws SQLException, IOException {
        return connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + Sql.quote(table) + " TO STDOUT", out);
    }

    public String schema() throws SQLException {
        return strings("SELECT current_schema()").get(0);
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
