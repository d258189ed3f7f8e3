package io.celeriac.core.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.task.ModuleContext;
import io.celeriac.core.task.TaskModule;
import io.celeriac.core.task.TaskOptions;
import io.celeriac.core.task.TaskRegistry;
import java.time.Duration;

/**
 * {@code celery.ping}, {@code celeriac.noop}, {@code celeriac.add(x, y)}, {@code celeriac.echo(value)},
 * {@code celeriac.sleep(seconds)}, {@code celeriac.stamp()} and {@code celeriac.fail(message)}.
 */
public final class BuiltinTasks implements TaskModule {

    @Override
    public String name() {
        return "builtin";
    }

    @Override
    public void register(TaskRegistry registry, ModuleContext context) {
        registry.register("celery.ping", ctx -> "pong");
        registry.register("celeriac.noop", ctx -> null);
        registry.register("celeriac.add", TaskOptions.defaults().maxRetries(0), ctx -> add(ctx.arg(0, JsonNode.class), ctx.arg(1, JsonNode.class)));
        registry.register("celeriac.echo", ctx -> ctx.args().isEmpty() ? null : ctx.args().get(0));
        registry.register("celeriac.sleep", ctx -> {
            double seconds = ctx.arg(0, Double.class);
            Thread.sleep(Duration.ofMillis(Math.round(seconds * 1000)));
            return seconds;
        });
        // when the handler started, in epoch microseconds: enqueue-to-start latency probes (celeriac bench)
        registry.register("celeriac.stamp", ctx -> {
            java.time.Instant now = ctx.clock().instant();
            return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        });
        // a plain task failure (FAILURE with this message, no retry): what a Python task raising an exception gives
        registry.register("celeriac.fail", TaskOptions.defaults().maxRetries(0), ctx -> {
            throw new RequestedFailure(ctx.args().isEmpty() ? "failed on request" : ctx.args().get(0).asText());
        });
    }

    private static Object add(JsonNode x, JsonNode y) {
        if (!x.isNumber() || !y.isNumber()) {
            throw new IllegalArgumentException("celeriac.add needs two numbers, got " + x + " and " + y);
        }
        if (x.isIntegralNumber() && y.isIntegralNumber()) {
            return x.bigIntegerValue().add(y.bigIntegerValue());
        }
        // floats are IEEE doubles on both sides: 0.1 + 0.2 is 0.30000000000000004, as in Python
        return x.doubleValue() + y.doubleValue();
    }
}
