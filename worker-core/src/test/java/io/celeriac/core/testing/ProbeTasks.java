package io.celeriac.core.testing;

import io.celeriac.core.task.ModuleContext;
import io.celeriac.core.task.TaskModule;
import io.celeriac.core.task.TaskRegistry;
import java.time.Duration;

/**
 * Tasks for tests that run real worker processes, registered only when the config says
 * {@code test_probes: true} (so no other worker sees them).
 *
 * <p>{@code probe.attempts(key, fail_times, sleep_seconds)} counts each attempt in Redis under
 * {@code <key>:<retries>}, sleeps, then asks for a retry until {@code fail_times} attempts failed:
 * a test reads the counters to see how many times each attempt ran.
 *
 * <p>{@code probe.record(path)} appends its task id and a newline to a file: a count of runs kept
 * outside Redis, which a failover test needs (a counter in Redis can itself be lost in a failover).
 * Each line is one small O_APPEND write, so processes sharing the file never interleave.
 * {@code probe.record_after(path, sleep_seconds)} sleeps first, then appends.
 * {@code probe.add_record(path, a, b)} appends its task id, a space and the epoch millisecond it ran,
 * and returns {@code a + b}: a result a client checks, with the runs counted and timed outside Redis.
 */
public final class ProbeTasks implements TaskModule {

    @Override
    public String name() {
        return "test-probes";
    }

    @Override
    public void register(TaskRegistry registry, ModuleContext context) {
        if (!context.config("test_probes").asBoolean(false)) {
            return;
        }
        registry.register("probe.attempts", ctx -> {
            String key = ctx.arg(0, String.class);
            int failTimes = ctx.arg(1, Integer.class);
            double sleep = ctx.arg(2, Double.class);
            // a test probe counts its attempts in Redis itself: it runs in worker processes, whose context is the Application
            ((io.celeriac.core.app.Application) context).redis().getAtomicLong(key + ":" + ctx.retries()).incrementAndGet();
            Thread.sleep(Duration.ofMillis(Math.round(sleep * 1000)));
            if (ctx.retries() < failTimes) {
                throw ctx.retry(Duration.ofMillis(200), new java.io.IOException("probe attempt " + ctx.retries() + " fails"));
            }
            return ctx.retries();
        });
        registry.register("probe.record", ctx -> {
            java.nio.file.Path file = java.nio.file.Path.of(ctx.arg(0, String.class));
            java.nio.file.Files.writeString(file, ctx.taskId() + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            return null;
        });
        registry.register("probe.add_record", ctx -> {
            java.nio.file.Files.writeString(java.nio.file.Path.of(ctx.arg(0, String.class)),
                    ctx.taskId() + " " + System.currentTimeMillis() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return ctx.arg(1, Long.class) + ctx.arg(2, Long.class);
        });
        registry.register("probe.record_after", ctx -> {
            // the line is written once the sleep is over: a run cut short by a kill is not counted
            Thread.sleep(Duration.ofMillis(Math.round(ctx.arg(1, Double.class) * 1000)));
            java.nio.file.Files.writeString(java.nio.file.Path.of(ctx.arg(0, String.class)), ctx.taskId() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return null;
        });
    }
}
