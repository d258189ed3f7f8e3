package io.celeriac.sync;

import io.celeriac.db.MigrationSet;

/** worker-sync's tables ({@code db/sync}): sources, calendar events, Notion pages. */
public final class SyncMigrations implements MigrationSet {
    @Override
    public String name() {
        return "sync";
    }

    @Override
    public String location() {
        return "db/sync";
    }

    @Override
    public int order() {
        return 110;
    }
}
