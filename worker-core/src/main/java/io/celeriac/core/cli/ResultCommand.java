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

/** {@code celeriac result TASK_ID}: prints the stored result meta as JSON. */
@Command(name = "result", mixinStandardHelpOptions = true, description = "Print a task's stored result (PENDING when there is none).")
public final class ResultCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "TASK_ID")
    String taskId;

    @Option(names = "--wait", paramLabel = "DURATION", description = "Wait up to this long for a ready state.")
    String wait;

    @Override
    public Integer call() throws Exception {
        try (Application app = connection.connect(4)) {
            Optional<ResultMeta> meta = wait != null
                    ? Optional.of(app.results().await(taskId, Durations.parse(wait)))
                    : app.results().get(taskId);
            if (meta.isEmpty()) {
                spec.commandLine().getOut().println("{\"status\":\"PENDING\",\"task_id\":\"" + taskId + "\"}");
                return ExitCodes.OK;
            }
            spec.commandLine().getOut().println(Json.mapper().writeValueAsString(meta.get().toJson()));
            return meta.get().status() == TaskState.FAILURE ? ExitCodes.FAILURE : ExitCodes.OK;
        }
    }
}
