package io.celeriac.dist;

import io.celeriac.core.config.ConfigKeys;
import java.util.Set;

/** The config-file keys the distribution's dev command (each queue's worker concurrency) reads, so the strict check at start-up accepts them (and catches typos in them). */
public final class DistributionConfigKeys implements ConfigKeys {
    @Override
    public Set<String> keys() {
        return Set.of("workers", "workers.*");
    }
}
