package io.celeriac.file.db;

import io.celeriac.file.backup.RestoreRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Loads exported tables into a migrated, empty schema in one transaction: all tables or none.
 *
 * <ol>
 *   <li>refuse unless every archived table exists (its module's migrations ran) and is empty;</li>
 *   <li>COPY the tables in foreign-key order, parents first;</li>
 *   <li>set each sequence to its archived value;</li>
 *   <li>commit.</li>
 * </ol>
 */
public final class SnapshotImport {
    private final DataSource dataSource;

    public SnapshotImport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The data of one archived table, in COPY text format. */
    @FunctionalInterface
    public interface TableData {
        InputStream open(String table) throws IOException;
    }

    /** Returns rows loaded per table, in load order. */
    public Map<String, Long> load(List<String> tables, Map<String, long[]> sequences, TableData data) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                refuseUnlessEmpty(c, tables);
                Map<String, Long> loaded = new LinkedHashMap<>();
                for (String table : parentsFirst(c, tables)) {
                    try (InputStream in = data.open(table)) {
                        loaded.put(table, c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + Sql.quote(table) + " FROM STDIN", in));
                    }
                }
                for (Map.Entry<String, long[]> sequence : sequences.entrySet()) {
                    try (PreparedStatement st = c.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
                        st.setString(1, Sql.quote(sequence.getKey()));
                        st.setLong(2, sequence.getValue()[0]);
                        st.setBoolean(3, sequence.getValue()[1] == 1);
                        st.execute();
                    }
                }
                c.commit();
                return loaded;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void refuseUnlessEmpty(Connection c, List<String> tables) throws SQLException {
        Set<String> existing = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
            while (rs.next()) {
                existing.add(rs.getString(1));
            }
        }
        List<String> missing = tables.stream().filter(t -> !existing.contains(t)).toList();
        if (!missing.isEmpty()) {
            throw new RestoreRefusedException("the database has no table " + String.join(", ", missing)
                    + "; run with every module the backup came from on the class path (celeriac migrate creates their tables)");
        }
        for (String table : tables) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + Sql.quote(table) + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw new RestoreRefusedException("table " + table + " is not empty; restore only into an empty database");
                }
            }
        }
    }

    /** Kahn's topological sort on the schema's foreign keys; tables in a cycle keep their archive order, last. */
    private static List<String> parentsFirst(Connection c, List<String> tables) throws SQLException {
        Map<String, Set<String>> parents = new HashMap<>();
        tables.forEach(t -> parents.put(t, new HashSet<>()));
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT child.relname, parent.relname FROM pg_constraint k
                JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid
                JOIN pg_namespace n ON n.oid = child.relnamespace
                WHERE k.contype = 'f' AND n.nspname = current_schema()""")) {
            while (rs.next()) {
                String child = rs.getString(1);
                String parent = rs.getString(2);
                if (parents.containsKey(child) && parents.containsKey(parent) && !child.equals(parent)) {
                    parents.get(child).add(parent);
                }
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (String table : tables) {
                if (!ordered.contains(table) && ordered.containsAll(parents.get(table))) {
                    ordered.add(table);
                    progress = true;
                }
            }
        }
        List<String> result = new ArrayList<>(ordered);
        tables.stream().filter(t -> !ordered.contains(t)).forEach(result::add);
        return result;
    }
}
