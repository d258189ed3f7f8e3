package io.celeriac.db.cli;

import io.celeriac.core.cli.CliExtension;
import java.util.List;

/** Adds {@code celeriac migrate}. */
public final class DatabaseCliExtension implements CliExtension {
    @Override
    public List<Object> commands() {
        return List.of(MigrateCommand.class);
    }
}
