package io.celeriac.core.cli;

import io.celeriac.core.config.ConfigException;
import io.celeriac.core.worker.WorkerNameTakenException;
import java.util.ServiceLoader;
import picocli.CommandLine;

/** Entry point of {@code celeriac}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        // one-shot commands print their answer, not the libraries' INFO lines; long-running ones
        // (worker, beat, dev) set their --loglevel themselves
        Logging.setLevel("WARNING");
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CeleriacCommand());
        for (CliExtension extension : ServiceLoader.load(CliExtension.class)) {
            for (Object command : extension.commands()) {
                cli.addSubcommand(command);
            }
        }
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            if (error instanceof ConfigException || error instanceof IllegalArgumentException
                    || error instanceof WorkerNameTakenException) {
                commandLine.getErr().println("celeriac: " + error.getMessage());
                return ExitCodes.USAGE;
            }
            commandLine.getErr().println("celeriac: " + error);
            return ExitCodes.FAILURE;
        });
        return cli;
    }
}
