package io.celeriac.ai.cli;

import io.celeriac.core.cli.CliExtension;
import java.util.List;

/** Adds {@code celeriac ai} (ServiceLoader). */
public final class AiCliExtension implements CliExtension {
    @Override
    public List<Object> commands() {
        return List.of(AiCommand.class);
    }
}
