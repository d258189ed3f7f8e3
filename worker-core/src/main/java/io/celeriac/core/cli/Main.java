package io.celeriac.core.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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
        StartupTimeline.mark("main");
        return commandLine(args.length > 0 ? args[0] : null).execute(args);
    }

    /** The whole command tree. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command tree for a command line whose first word is {@code first}: only that top-level
     * command when it names one, else all of them (for help, and suggestions for a mistyped name).
     * picocli reads the annotations of every command it is given up front: for the whole tree
     * that took 0.45 s of a worker's 1.5 s start (measured).
     */
    static CommandLine commandLine(String first) {
        List<Object> commands = new ArrayList<>(CeleriacCommand.BUILT_IN);
        for (CliExtension extension : ServiceLoader.load(CliExtension.class)) {
            commands.addAll(extension.commands());
        }
        Object named = commands.stream().filter(command -> name(command).equals(first)).findFirst().orElse(null);
        CommandLine cli = new CommandLine(new CeleriacCommand());
        for (Object command : commands) {
            if (named == null || command == named) {
                cli.addSubcommand(command);
            }
        }
        io.celeriac.core.cli.fleet.InspectMethod.addTo(cli);
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> Failures.report(error, commandLine.getErr()));
        return cli;
    }

    /** A command's name from its annotation, without building it. */
    private static String name(Object command) {
        Class<?> type = command instanceof Class<?> c ? c : command.getClass();
        Command annotation = type.getAnnotation(Command.class);
        return annotation == null ? "" : annotation.name();
    }
}
