package io.celeriac.sync.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code celeriac sync ...}. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Users' calendar feeds and Notion integrations: manage the sources, run a sync now.",
        subcommands = {SourcesCommand.class, RunCommand.class})
public final class SyncCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
