package io.celeriac.core.cli.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac control METHOD [ARG...]}: Celery's remote control over kombu's pidbox, answered by
 * Python and Celeriac workers alike. Any inspect method works here too.
 */
@Command(name = "control", mixinStandardHelpOptions = true,
        description = {"Send a remote-control command to the fleet's workers (Python and Celeriac), as celery control does.",
                "Methods: revoke ID... [--terminate], rate_limit TASK RATE, time_limit TASK SOFT [HARD], add_consumer QUEUE, "
                        + "cancel_consumer QUEUE, pause_queue QUEUE, resume_queue QUEUE (fleet-wide, durable), pool_grow [N], pool_shrink [N], autoscale MAX MIN, enable_events, "
                        + "disable_events, heartbeat, shutdown, and every inspect method."})
public final class ControlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RemoteOptions options;

    @Parameters(index = "0", paramLabel = "METHOD", description = "The command, by Celery's name.")
    String method;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Its arguments.")
    List<String> words;

    @Option(names = "--terminate", description = "revoke: also stop the task if it is running.")
    boolean terminate;

    @Option(names = "--signal", paramLabel = "SIGNAL", defaultValue = "SIGTERM",
            description = "revoke --terminate: the signal Python workers send. Default: ${DEFAULT-VALUE}.")
    String signal;

    @Override
    public Integer call() throws Exception {
        ObjectNode arguments = MethodArguments.of(method, RemoteCall.orEmpty(words));
        if ("revoke".equals(method)) {
            if (arguments.path("task_id").isEmpty()) {
                throw new IllegalArgumentException("revoke needs at least one task id");
            }
            arguments.put("terminate", terminate).put("signal", signal);
        }
        return RemoteCall.run(options, method, arguments, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
