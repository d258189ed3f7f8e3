package io.celeriac.sync.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code celeriac sync sources ...}. */
@Command(name = "sources", mixinStandardHelpOptions = true,
        description = "Add, list, reactivate or remove users' sync sources (PostgreSQL only; no Redis needed).",
        subcommands = {AddCalendarCommand.class, AddNotionCommand.class, ListSourcesCommand.class,
                SourceCommands.Reactivate.class, SourceCommands.Remove.class})
final class SourcesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
