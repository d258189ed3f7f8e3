package io.celeriac.core.metrics;

import io.celeriac.core.worker.Outcome;
import io.celeriac.core.worker.TaskListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Task outcomes as metrics: {@code celeriac.tasks} (task, queue, outcome),
 * {@code celeriac.task.duration} (task, queue) and {@code celeriac.task.latency} (queue), both
 * histograms, and {@code celeriac.dead.letters} (queue). Meters are cached per tag set: looking one
 * up through Micrometer's builder on every task would cost more than the task.
 */
public final class TaskMetrics implements TaskListener {
    /** The one tag every unregistered or unreadable task name shares: message content never makes a series. */
    static final String UNREGISTERED = "unregistered";

    private final MeterRegistry registry;
    private final Map<OutcomeKey, Counter> outcomes = new ConcurrentHashMap<>();
    private final Map<TaskKey, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();

    /** Map keys: records hash the Strings' cached hashes, where a concatenated key is built and hashed anew per task. */
    private record OutcomeKey(String task, String queue, Outcome.Kind outcome) {
    }

    private record TaskKey(String task, String queue) {
    }

    public TaskMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void finished(String task, String queue, Outcome.Kind outcome, long runNanos, long latencyNanos) {
        String name = task == null ? UNREGISTERED : task;
        outcomes.computeIfAbsent(new OutcomeKey(name, queue, outcome), k -> Counter.builder("celeriac.tasks")
                .description("Messages handled, by task, queue and outcome")
                .tags("task", name, "queue", queue, "outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)).increment();
        if (outcome == Outcome.Kind.FAILURE || outcome == Outcome.Kind.DEAD_LETTERED) {
            deadLetters.computeIfAbsent(queue, q -> Counter.builder("celeriac.dead.letters")
                    .description("Messages moved to the dead-letter list").tags("queue", q).register(registry)).increment();
        }
        if (runNanos > 0) {
            durations.computeIfAbsent(new TaskKey(name, queue), k -> Timer.builder("celeriac.task.duration")
                    .description("Time in the task handler").tags("task", name, "queue", queue)
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000))
                    .maximumExpectedValue(Duration.ofHours(1)).register(registry)).record(runNanos, TimeUnit.NANOSECONDS);
        }
        if (latencyNanos >= 0) {
            latencies.computeIfAbsent(queue, q -> Timer.builder("celeriac.task.latency")
                    .description("From sent (or due) to started").tags("queue", q)
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                    .maximumExpectedValue(Duration.ofHours(1)).register(registry)).record(latencyNanos, TimeUnit.NANOSECONDS);
        }
    }
}
