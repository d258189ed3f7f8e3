package io.celeriac.ai.cli;

import io.celeriac.ai.AiConfig;
import io.celeriac.ai.AiException;
import io.celeriac.ai.AiRuntime;
import io.celeriac.ai.AiTaskNotFoundException;
import io.celeriac.ai.InvalidAiTaskException;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.http.ProviderUnavailableException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code ai} subcommand shares: connect, wire the module, map errors to exit codes
 * (bad input or an unknown id: 2, with the message naming the field; a failure, a provider unavailable
 * included: 1).
 */
abstract class AiSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Application app = connection.connect(4);
             AiRuntime runtime = AiRuntime.onSharedClock(app, AiConfig.from(app.config("ai"), System.getenv()))) {
            return run(runtime, out);
        } catch (InvalidAiTaskException | AiTaskNotFoundException e) {
            spec.commandLine().getErr().println("celeriac: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (AiException | ProviderUnavailableException e) {
            spec.commandLine().getErr().println("celeriac: " + e.getMessage());
            return ExitCodes.FAILURE;
        } finally {
            out.flush();
        }
    }

    abstract int run(AiRuntime runtime, PrintWriter out);
}
