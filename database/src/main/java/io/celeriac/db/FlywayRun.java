package io.celeriac.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** One migration set applied by Flyway; apart so that a process that skips Flyway never loads it. */
final class FlywayRun {
    private FlywayRun() {
    }

    /** Applies the set's pending scripts; how many ran. */
    static int migrate(DataSource dataSource, String schema, MigrationSet set) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:" + set.location())
                .table("flyway_history_" + set.name())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate().migrationsExecuted;
    }
}
