package io.celeriac.dist;

import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.component.Settings;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.health.HealthServer;
import io.celeriac.core.health.LoopsTicking;
import io.celeriac.exporter.FleetExporter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The fleet exporter inside {@code celeriac dev}, on a port of its own and with a registry of its
 * own (not the process's: the dev process's JVM and task metrics stay on {@code --http-port}), so a
 * local Prometheus scrapes the same two endpoints as in production.
 */
final class DevExporter implements AutoCloseable {
    private final FleetExporter exporter;
    private final HealthServer server;
    private final PrometheusMeterRegistry registry;

    private DevExporter(FleetExporter exporter, HealthServer server, PrometheusMeterRegistry registry) {
        this.exporter = exporter;
        this.server = server;
        this.registry = registry;
    }

    /** Starts it on {@code port}; 0 starts nothing. */
    static DevExporter start(int port, AppConfig config, RedisUrl redis, String keyPrefix, Settings settings) {
        if (port == 0) {
            return new DevExporter(null, null, null);
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("process", "exporter");
        FleetExporter exporter = FleetExporter.create(config, redis, keyPrefix, settings, Duration.ofSeconds(5), registry,
                Clock.systemUTC()).start();
        try {
            LoopsTicking ticking = new LoopsTicking(exporter::loops, Duration.ofSeconds(45));
            return new DevExporter(exporter, new HealthServer(port, registry, List.of(ticking), List.of(ticking)), registry);
        } catch (IOException e) {
            exporter.close();
            throw new UncheckedIOException("cannot serve the exporter on port " + port + " (--exporter-port 0 turns it off): "
                    + e.getMessage(), e);
        }
    }

    /** The bound port, or -1 when off. */
    int port() {
        return server == null ? -1 : server.port();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            exporter.close();
            registry.close();
        }
    }
}
