package io.celeriac.beat.cli;

import io.celeriac.core.cli.CliExtension;
import java.util.List;

/** Adds {@code celeriac beat} to the command line (ServiceLoader). */
public final class BeatCliExtension implements CliExtension {
    @Override
    public List<Object> commands() {
        return List.of(BeatCommand.class);
    }
}
