package io.celeriac.sync.cli;

import io.celeriac.core.cli.CliExtension;
import java.util.List;

/** Adds {@code celeriac sync} (ServiceLoader). */
public final class SyncCli implements CliExtension {
    @Override
    public List<Object> commands() {
        return List.of(SyncCommand.class);
    }
}
