package io.celeriac.core.cli.fleet;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * One of Celery's inspect methods as a {@code celeriac inspect} subcommand ({@code celeriac inspect
 * ping}): asked of the live workers, Python and Celeriac, over kombu's pidbox.
 */
@Command(mixinStandardHelpOptions = true)
public final class InspectMethod implements Callable<Integer> {
    private final String method;

    @Spec
    CommandSpec spec;

    @Mixin
    RemoteOptions options;

    @Parameters(paramLabel = "ARG", arity = "0..*", description = "Its arguments (query_task IDS, registered ATTRIBUTES).")
    List<String> words;

    InspectMethod(String method) {
        this.method = method;
    }

    @Override
    public Integer call() throws Exception {
        return RemoteCall.run(options, method, MethodArguments.of(method, RemoteCall.orEmpty(words)),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * Adds every Celery inspect method that {@code inspect} does not have yet to it; methods it has
     * (views read from Redis) stay and are reachable live as {@code celeriac control METHOD}.
     */
    public static void addTo(CommandLine root) {
        CommandLine inspect = root.getSubcommands().get("inspect");
        if (inspect == null) {
            return;
        }
        for (String method : MethodArguments.INSPECT) {
            if (!inspect.getSubcommands().containsKey(method)) {
                CommandLine sub = new CommandLine(new InspectMethod(method));
                sub.getCommandSpec().usageMessage().description("Celery's inspect " + method + ", answered by the live workers (Python and Celeriac).");
                inspect.addSubcommand(method, sub);
            }
        }
    }
}
