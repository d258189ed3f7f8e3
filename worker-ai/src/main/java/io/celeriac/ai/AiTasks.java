package io.celeriac.ai;

import io.celeriac.core.task.ModuleContext;
import io.celeriac.core.task.TaskModule;
import io.celeriac.core.task.TaskOptions;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.db.Database;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Registers the AI module's tasks (ServiceLoader). The environment is read here, at wiring time,
 * and nowhere else; tests pass their own.
 */
public final class AiTasks implements TaskModule {
    private final Map<String, String> env;

    public AiTasks() {
        this(System.getenv());
    }

    public AiTasks(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "ai";
    }

    /** Its tasks store data: a worker serving them is ready only while the database answers. */
    @Override
    public java.util.List<Class<?>> components() {
        return java.util.List.of(Database.class);
    }

    @Override
    public void register(TaskRegistry registry, ModuleContext context) {
        AiConfig config = AiConfig.from(context.config("ai"), env);
        register(registry, AiRuntime.onSharedClock(context, config));
    }

    /** Registers the tasks on an existing runtime (tests hold on to it). */
    public static void register(TaskRegistry registry, AiRuntime runtime) {
        AiConfig config = runtime.config();
        registry.register(TaskNames.DISPATCH, TaskOptions.defaults().maxRetries(5).ignoreResult(true), ctx -> {
            long taskId = ctx.arg(0, Long.class);
            Instant occurrence;
            try {
                occurrence = Instant.parse(ctx.arg(1, String.class));
            } catch (DateTimeParseException e) {
                throw new io.celeriac.core.task.Reject("occurrence is not an ISO instant: " + e.getParsedString());
            }
            // a third argument, added by an early wake-up sent again: the ETA shift it carried (ms)
            Duration shift = ctx.args().size() > 2 ? Duration.ofMillis(ctx.arg(2, Long.class)) : Duration.ZERO;
            return runtime.wired().dispatcher().dispatch(taskId, occurrence, shift);
        });
        registry.register(TaskNames.EXECUTE, TaskOptions.defaults().maxRetries(config.runs().maxRetries())
                        .timeLimit(config.llm().timeout().plus(Duration.ofMinutes(2))),
                ctx -> runtime.wired().executor().execute(ctx));
        registry.register(TaskNames.PROCESS_DUE, TaskOptions.defaults().maxRetries(0), ctx -> {
            var result = runtime.wired().dispatcher().sweep();
            return Map.of("claimed", result.claimed(), "restarted", result.restarted());
        });
        registry.register(TaskNames.TEST_CONNECTION, TaskOptions.defaults().maxRetries(0),
                ctx -> runtime.housekeeping().testConnection());
        registry.register(TaskNames.CLEANUP, TaskOptions.defaults().maxRetries(2),
                ctx -> Map.of("deleted", runtime.housekeeping().cleanup()));
    }
}
