package io.celeriac.db;

import io.celeriac.core.component.ComponentProvider;
import io.celeriac.core.component.Settings;
import io.celeriac.core.task.ModuleContext;

/**
 * Gives a process its {@link Database}: connected and migrated on first use, from the settings the
 * command line carries ({@link DatabaseSettings}); checked by readiness with {@code SELECT 1}.
 */
public final class DatabaseProvider implements ComponentProvider<Database> {

    @Override
    public Class<Database> type() {
        return Database.class;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public void check(Settings settings) {
        DatabaseSettings.url(settings);
        DatabaseSettings.poolSize(settings);
    }

    @Override
    public Database open(ModuleContext context) {
        Settings settings = context.settings();
        Database database = new Database(DatabaseSettings.url(settings), DatabaseSettings.schema(settings),
                DatabaseSettings.poolSize(settings));
        try {
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    @Override
    public String problem(Database database) {
        return new DatabaseCheck(database).problem();
    }

    @Override
    public void close(Database database) {
        database.close();
    }
}
