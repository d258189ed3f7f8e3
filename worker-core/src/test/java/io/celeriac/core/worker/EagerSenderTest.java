package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.celeriac.core.client.TaskFailedException;
import io.celeriac.core.internal.Json;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.retry.Backoff;
import io.celeriac.core.task.TaskOptions;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EagerSenderTest {
    private final TaskRegistry registry = new TaskRegistry();
    private final EagerSender eager = new EagerSender(registry, Json.mapper(), new ManualClock(Instant.EPOCH), new SplittableRandom(1));

    @Test
    void sending_runs_the_task_inline_and_returns_its_result() {
        registry.register("math.double", ctx -> ctx.arg(0, Integer.class) * 2);
        registry.register("math.quadruple", ctx -> 2 * ctx.sender().send("math.double", List.of(ctx.arg(0, Integer.class)))
                .get(Duration.ZERO).asInt());
        assertEquals(20, eager.send("math.quadruple", List.of(5)).get(Duration.ZERO).asInt());
    }

    @Test
    void retries_run_at_once_up_to_the_maximum() {
        AtomicInteger calls = new AtomicInteger();
        registry.register("flaky", TaskOptions.defaults().maxRetries(2).backoff(Backoff.fixed(Duration.ofHours(1))), ctx -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return ctx.retries();
        });
        assertEquals(2, eager.send("flaky", List.of()).get(Duration.ZERO).asInt());
        registry.register("always", TaskOptions.defaults().maxRetries(1), ctx -> {
            throw new IllegalStateException("never");
        });
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> eager.send("always", List.of()).get(Duration.ZERO));
        assertEquals("IllegalStateException", e.error().type());
        assertEquals(TaskState.FAILURE, eager.send("no.such.task", List.of()).state());
    }
}
