package io.celeriac.db;

/**
 * A module's database migrations, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.celeriac.db.MigrationSet}). Scripts live at
 * {@code classpath:<location>} and are numbered within the set ({@code V1__x.sql}, ...).
 */
public interface MigrationSet {

    /** Short name; also names the set's Flyway history table ({@code flyway_history_<name>}). */
    String name();

    /** Class-path folder of the scripts, e.g. {@code db/ai}. */
    String location();

    /** Sets apply in ascending order; the shared tables are 0, modules use 100 and up. */
    default int order() {
        return 100;
    }
}
