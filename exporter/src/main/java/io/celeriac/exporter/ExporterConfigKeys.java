package io.celeriac.exporter;

import io.celeriac.core.config.ConfigKeys;
import java.util.Set;

/** The config-file keys the exporter reads ({@link QueueObjectives}), so the strict check accepts them. */
public final class ExporterConfigKeys implements ConfigKeys {
    @Override
    public Set<String> keys() {
        return Set.of("exporter", "exporter.queue_age_objective", "exporter.queue_age_objectives", "exporter.queue_age_objectives.*");
    }
}
