package io.celeriac.core.cli;

import io.celeriac.core.app.Application;
import io.celeriac.core.config.Durations;
import io.celeriac.core.internal.Json;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskState;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac result TASK_ID}: prints the stored result meta as JSON. Exit codes scripts can
 * rely on: 0 for a stored result, 1 for a FAILURE, and 1 with one line on stderr when no result is
 * stored (unknown id, not run yet, or expired); {@code --wait} waits for a ready state first, like
 * Celery's {@code AsyncResult.get()}.
 */
@Command(name = "result", mixinStandardHelpOptions = true,
        description = "Print a task's stored result as JSON; exit 1 when there is none (PENDING) or it failed.")
public final class ResultCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "TASK_ID")
    String taskId;

    @Option(names = "--wait", paramLabel = "DURATION", arity = "0..1", fallbackValue = FOREVER,
            description = "Wait for a ready state (SUCCESS, FAILURE, REVOKED): up to DURATION, or without a limit when none is given.")
    String wait;

    private static final String FOREVER = "forever";

    @Override
    public Integer call() throws Exception {
        try (Application app = connection.connect(4)) {
            Optional<ResultMeta> meta = wait != null
                    ? Optional.of(app.results().await(taskId, FOREVER.equals(wait) ? Durations.MAX : Durations.parse(wait)))
                    : app.results().get(taskId);
            if (meta.isEmpty()) {
                spec.commandLine().getOut().println(Json.mapper().writeValueAsString(
                        Json.mapper().createObjectNode().put("status", "PENDING").put("task_id", taskId)));
                spec.commandLine().getErr().println("celeriac: no result stored for task " + taskId
                        + " (unknown id, not finished, or expired)");
                return ExitCodes.FAILURE;
            }
            spec.commandLine().getOut().println(Json.mapper().writeValueAsString(meta.get().toJson()));
            return meta.get().status() == TaskState.FAILURE ? ExitCodes.FAILURE : ExitCodes.OK;
        }
    }
}
