package io.celeriac.bench;

import io.celeriac.core.cli.CliExtension;
import java.util.List;

/** Adds {@code celeriac bench}: measuring is a tool beside the engine, not part of it. */
public final class BenchCliExtension implements CliExtension {
    @Override
    public List<Object> commands() {
        return List.of(BenchCommand.class);
    }
}
