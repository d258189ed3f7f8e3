package io.celeriac.email.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code celeriac email ...}. */
@Command(name = "email", mixinStandardHelpOptions = true, description = "The e-mail outbox.",
        subcommands = EmailCommand.Outbox.class)
public final class EmailCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code celeriac email outbox ...}. */
    @Command(name = "outbox", mixinStandardHelpOptions = true,
            description = "Messages in the outbox; decide about those whose outcome is unknown.",
            subcommands = {OutboxCommands.List.class, OutboxCommands.Show.class, OutboxCommands.Resend.class,
                    OutboxCommands.MarkSent.class})
    static final class Outbox implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }
}
