package io.celeriac.dist;

import io.celeriac.core.cli.CliExtension;
import java.util.List;

/** Adds {@code celeriac dev}. */
public final class DevCliExtension implements CliExtension {
    @Override
    public List<Object> commands() {
        return List.of(DevCommand.class);
    }
}
