package io.celeriac.email.cli;

import io.celeriac.core.cli.CliExtension;
import java.util.List;

/** Adds {@code celeriac email} (ServiceLoader). */
public final class EmailCliExtension implements CliExtension {
    @Override
    public List<Object> commands() {
        return List.of(EmailCommand.class);
    }
}
