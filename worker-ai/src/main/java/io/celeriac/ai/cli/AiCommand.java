package io.celeriac.ai.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code celeriac ai ...}. */
@Command(name = "ai", mixinStandardHelpOptions = true, description = "User-scheduled AI tasks: create, manage, chat.",
        subcommands = {AiCreateCommand.class, AiListCommand.class, AiTaskCommands.Show.class, AiTaskCommands.Pause.class,
                AiTaskCommands.Resume.class, AiTaskCommands.Cancel.class, AiTaskCommands.Runs.class, AiChatCommand.class,
                AiUsersCommand.class})
public final class AiCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
