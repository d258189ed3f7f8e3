package io.celeriac.core.flow;

import io.micrometer.core.instrument.Metrics;

/**
 * {@code celeriac.unique.deduplicated} (task, at = send | run): sends that returned an existing
 * task's id, and messages a worker did not run because another task held their lock. Counted in
 * Micrometer's global registry, which every process's {@code /metrics} includes.
 */
public final class UniqueMetrics {
    private UniqueMetrics() {
    }

    public static void deduplicated(String task, String at) {
        Metrics.counter("celeriac.unique.deduplicated", "task", task, "at", at).increment();
    }
}
