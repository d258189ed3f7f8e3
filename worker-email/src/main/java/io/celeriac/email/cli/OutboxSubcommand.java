package io.celeriac.email.cli;

import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.email.outbox.OutboxDecisionException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code email outbox} subcommand shares: connect (the database; Redis only to queue a
 * send), and map a decision that cannot apply (no such message, wrong state) to exit 2 with its
 * reason; anything else is a failure (exit 1).
 */
abstract class OutboxSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Application app = connection.connect(2)) {
            return run(app, out);
        } catch (OutboxDecisionException e) {
            spec.commandLine().getErr().println("celeriac: " + e.getMessage());
            return ExitCodes.USAGE;
        } finally {
            out.flush();
        }
    }

    abstract int run(Application app, PrintWriter out);
}
