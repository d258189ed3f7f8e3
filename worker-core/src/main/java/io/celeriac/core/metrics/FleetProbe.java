package io.celeriac.core.metrics;

import io.celeriac.core.component.Settings;
import java.time.Clock;
import java.util.List;

/**
 * A module's fleet-wide health, read from the store the module owns (its PostgreSQL tables), for
 * {@code celeriac exporter}: what no worker can report about itself, such as work that is due and
 * was not started. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.celeriac.core.metrics.FleetProbe}); the exporter reads each open
 * probe on its own schedule and turns the samples into gauges, so modules need no exporter code.
 */
public interface FleetProbe {

    /** Short name for logs and the {@code probe} label of {@code celeriac_exporter_probe_up}, e.g. {@code ai}. */
    String name();

    /**
     * A reader for this process, or null when the process is not configured for the module (for
     * example, no database URL was given). Must not connect yet: the store may be down at start.
     */
    Reader open(Settings settings, Clock clock);

    /** Reads the module's store; one instance per exporter, called from one thread. */
    interface Reader extends AutoCloseable {

        /**
         * The readings now. Tag values must be bounded (a fixed set, or capped by the reader); a
         * store that cannot be read throws, and the exporter reports the probe down.
         */
        List<FleetSample> read();

        @Override
        void close();
    }
}
