package io.celeriac.spring;

import io.celeriac.CeleriacWorker;
import io.celeriac.core.api.DefaultWorker;
import io.celeriac.core.worker.WorkerHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Actuator's view of the embedded worker ({@code /actuator/health/celeriac}): DOWN when a runner
 * died unreplaced, a task overran its hard limit, or the fetcher or completer stalled (the worker's
 * own liveness check), with its figures; UP with no worker when the application only sends.
 */
public final class CeleriacHealthIndicator implements HealthIndicator {
    private final ObjectProvider<CeleriacWorkerLifecycle> lifecycle;

    CeleriacHealthIndicator(ObjectProvider<CeleriacWorkerLifecycle> lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Health health() {
        CeleriacWorkerLifecycle running = lifecycle.getIfAvailable();
        CeleriacWorker worker = running == null ? null : running.worker();
        if (worker == null) {
            return Health.up().withDetail("worker", "not running").build();
        }
        Health.Builder health = Health.up();
        if (worker instanceof DefaultWorker engine) {
            WorkerHealth check = engine.health();
            String problem = check.problem();
            if (problem != null) {
                health = Health.down().withDetail("problem", problem);
            }
            health.withDetails(check.details());
        }
        return health.withDetail("worker", worker.name()).withDetail("tasks", worker.tasks().size()).build();
    }
}
