package io.celeriac.exporter;

import io.celeriac.core.cli.CliExtension;
import java.util.List;

/** Adds {@code celeriac exporter}: watching the fleet is a process beside it, not part of a worker. */
public final class ExporterCliExtension implements CliExtension {
    @Override
    public List<Object> commands() {
        return List.of(ExporterCommand.class);
    }
}
