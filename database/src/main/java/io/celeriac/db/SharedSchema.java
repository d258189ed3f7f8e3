package io.celeriac.db;

/** The application's shared tables (users, their sessions): applied before every module's own. */
public final class SharedSchema implements MigrationSet {
    @Override
    public String name() {
        return "shared";
    }

    @Override
    public String location() {
        return "db/shared";
    }

    @Override
    public int order() {
        return 0;
    }
}
