package io.celeriac.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.CeleriacTask;
import io.celeriac.TaskContext;
import io.celeriac.TaskError;
import io.celeriac.core.api.TypedTasks;
import io.celeriac.core.builtin.BuiltinTasks;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.internal.Json;
import io.celeriac.core.task.TaskRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Celeriac's side of the conformance suite: the {@code conf.*} tasks of {@code interop_app.py},
 * written as a Java developer would write them, so the same client checks can run against both.
 */
final class ConformanceTasks {

    static void register(TaskRegistry registry) {
        TypedTasks.registerBean(registry, new ConformanceTasks(), Json.mapper());
        // sends through the context's sender, which makes the sent task a child of this one
        registry.register("conf.spawn", ctx -> ctx.sender().send("conf.add", List.of(1, 2), Map.of(),
                SendOptions.defaults().queue(ctx.arg(0, String.class))).id());
    }

    @CeleriacTask("conf.add")
    Object add(JsonNode x, JsonNode y) {
        return BuiltinTasks.pythonAdd(x, y);
    }

    @CeleriacTask("conf.echo")
    JsonNode echo(JsonNode value) {
        return value;
    }

    @CeleriacTask("conf.sum")
    BigInteger sum(List<BigInteger> numbers) {
        return numbers.stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    @CeleriacTask(value = "conf.fail", maxRetries = 0)
    Object fail(String message) {
        throw TaskError.of("builtins", "ValueError", message);
    }

    @CeleriacTask("conf.sleep")
    double sleep(double seconds) throws InterruptedException {
        Thread.sleep(Duration.ofMillis(Math.round(seconds * 1000)));
        return seconds;
    }

    @CeleriacTask(value = "conf.tracked", trackStarted = true)
    String tracked(double seconds) throws InterruptedException {
        sleep(seconds);
        return "done";
    }

    @CeleriacTask("conf.progress")
    String progress(double seconds, TaskContext context) throws InterruptedException {
        context.updateState("PROGRESS", Map.of("done", 1));
        sleep(seconds);
        return "done";
    }

    @CeleriacTask("conf.soft")
    String soft(double seconds, TaskContext context) throws InterruptedException {
        try {
            sleep(seconds);
        } catch (InterruptedException e) {
            if (context.softTimeLimitExceeded()) {
                return "cleaned up";
            }
            throw e;
        }
        return "not interrupted";
    }

    @CeleriacTask("conf.retry_once")
    int retryOnce(TaskContext context) {
        if (context.retries() == 0) {
            throw context.retry(Duration.ofMillis(200), new IllegalStateException("first attempt"));
        }
        return context.retries();
    }
}
