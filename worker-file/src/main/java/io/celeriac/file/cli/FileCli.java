package io.celeriac.file.cli;

import io.celeriac.core.cli.CliExtension;
import java.util.List;

/** Adds {@code celeriac backup} to the command line. */
public final class FileCli implements CliExtension {
    @Override
    public List<Object> commands() {
        return List.of(BackupCommand.class);
    }
}
