package io.celeriac.maintenance;

import io.celeriac.core.config.ConfigKeys;
import java.util.Set;

/** The config-file keys worker-maintenance (MaintenanceSettings) reads, so the strict check at start-up accepts them (and catches typos in them). */
public final class MaintenanceConfigKeys implements ConfigKeys {
    @Override
    public Set<String> keys() {
        return Set.of("maintenance", "maintenance.session_batch_size", "maintenance.vacuum_lock_timeout",
                "maintenance.dead_letter_retention", "maintenance.worker_retention");
    }
}
