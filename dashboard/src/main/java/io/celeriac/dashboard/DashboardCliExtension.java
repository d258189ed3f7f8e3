package io.celeriac.dashboard;

import io.celeriac.core.cli.CliExtension;
import java.util.List;

/** Adds {@code celeriac dashboard}. */
public final class DashboardCliExtension implements CliExtension {
    @Override
    public List<Object> commands() {
        return List.of(DashboardCommand.class);
    }
}
