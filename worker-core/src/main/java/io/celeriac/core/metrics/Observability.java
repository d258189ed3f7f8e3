package io.celeriac.core.metrics;

import io.celeriac.core.health.HealthCheck;
import io.celeriac.core.health.HealthServer;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A long-running process's metrics registry and, when a port is given, the HTTP endpoint with
 * {@code /metrics}, {@code /healthz} and {@code /readyz}. Checks can be added until {@link #serve}.
 */
public final class Observability implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<HealthCheck> liveness = new ArrayList<>();
    private final List<HealthCheck> readiness = new ArrayList<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private HealthServer server;

    public Observability(String process) {
        registry.config().commonTags("process", process);
        // modules that count through Micrometer's global registry show up on this /metrics too
        Metrics.addRegistry(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Observability liveness(HealthCheck check) {
        liveness.add(check);
        return this;
    }

    public Observability readiness(HealthCheck check) {
        readiness.add(check);
        return this;
    }

    /** Starts the HTTP endpoint on {@code port}; 0 or less leaves it off. Returns the bound port, or -1. */
    public int serve(int port) {
        if (port <= 0) {
            return -1;
        }
        try {
            server = new HealthServer(port, registry, List.copyOf(liveness), List.copyOf(readiness));
            return server.port();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics and health on port " + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        Metrics.removeRegistry(registry);
        if (server != null) {
            server.close();
        }
        gc.close();
        registry.close();
    }
}
