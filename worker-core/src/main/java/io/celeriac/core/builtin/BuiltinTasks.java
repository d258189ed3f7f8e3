package io.celeriac.core.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.CeleriacTask;
import io.celeriac.TaskError;
import io.celeriac.core.internal.LogSafe;
import io.celeriac.TaskContext;
import io.celeriac.core.api.TypedTasks;
import io.celeriac.core.internal.Json;
import io.celeriac.core.task.ModuleContext;
import io.celeriac.core.task.TaskModule;
import io.celeriac.core.task.TaskRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The tasks every worker has, for probes, benchmarks and trying things from a Celery client. Each
 * takes its arguments as a Python function would (positional or by name, a call that does not fit
 * is a TypeError naming what is wrong):
 * {@code celery.ping()}, {@code celeriac.noop()}, {@code celeriac.add(x, y)},
 * {@code celeriac.echo(value)}, {@code celeriac.sleep(seconds)}, {@code celeriac.stamp()} and
 * {@code celeriac.fail(message=None)}.
 */
public final class BuiltinTasks implements TaskModule {

    @Override
    public String name() {
        return "builtin";
    }

    @Override
    public void register(TaskRegistry registry, ModuleContext context) {
        TypedTasks.registerBean(registry, new Builtins(), Json.mapper());
    }

    /** {@code x + y} as Python computes it for two JSON numbers (a TypeError for anything else). */
    public static Object pythonAdd(JsonNode x, JsonNode y) {
        if (!x.isNumber() || !y.isNumber()) {
            throw TaskError.of("builtins", "TypeError", "unsupported operand type(s) for +: " + LogSafe.of(x.toString(), 40)
                    + " and " + LogSafe.of(y.toString(), 40));
        }
        if (x.isIntegralNumber() && y.isIntegralNumber()) {
            return x.bigIntegerValue().add(y.bigIntegerValue());
        }
        return x.doubleValue() + y.doubleValue();
    }

    /** The tasks themselves: parameter names are the keyword names a Python client may use. */
    static final class Builtins {

        @CeleriacTask("celery.ping")
        String ping() {
            return "pong";
        }

        @CeleriacTask("celeriac.noop")
        Object noop() {
            return null;
        }

        /** Integers are arbitrary-precision, as in Python; floats are IEEE doubles on both sides (0.1 + 0.2 is 0.30000000000000004). */
        @CeleriacTask(value = "celeriac.add", maxRetries = 0)
        Object add(JsonNode x, JsonNode y) {
            return pythonAdd(x, y);
        }

        @CeleriacTask("celeriac.echo")
        JsonNode echo(JsonNode value) {
            return value;
        }

        @CeleriacTask("celeriac.sleep")
        double sleep(double seconds) throws InterruptedException {
            Thread.sleep(Duration.ofMillis(Math.round(seconds * 1000)));
            return seconds;
        }

        /** When the handler started, in epoch microseconds: enqueue-to-start latency probes (celeriac bench). */
        @CeleriacTask("celeriac.stamp")
        long stamp(TaskContext context) {
            Instant now = context.clock().instant();
            return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        }

        /** A plain task failure (FAILURE with this message, no retry): what a Python task raising an exception gives. */
        @CeleriacTask(value = "celeriac.fail", maxRetries = 0)
        Object fail(Optional<String> message) {
            throw new RequestedFailure(message.orElse("failed on request"));
        }
    }
}
