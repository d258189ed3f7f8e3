package io.celeriac.core.metrics;

import io.celeriac.core.flow.Admission;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * {@code celeriac.flow.throttled} (task, limit = rate or concurrency): tasks a fleet-wide limit held
 * back into the delayed set on this worker. Tags are the registered task name and the limit's kind,
 * never a key's value (a user id would make a series per user).
 */
public final class FlowMetrics implements BiConsumer<String, Admission.Kind> {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public FlowMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accept(String task, Admission.Kind kind) {
        counters.computeIfAbsent(task + "\n" + kind.tag(), k -> Counter.builder("celeriac.flow.throttled")
                .description("Tasks a fleet-wide rate or concurrency limit held back in the delayed set")
                .tags("task", task, "limit", kind.tag()).register(registry)).increment();
    }
}
