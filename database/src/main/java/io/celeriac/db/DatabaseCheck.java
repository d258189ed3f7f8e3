package io.celeriac.db;

import io.celeriac.core.health.HealthCheck;

/** Ready only while PostgreSQL answers; used by processes whose tasks need it. */
public final class DatabaseCheck implements HealthCheck {
    private final Database database;

    public DatabaseCheck(Database database) {
        this.database = database;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String problem() {
        return database.isReachable() ? null : "no answer to SELECT 1";
    }
}
