package io.celeriac.beat;

import io.celeriac.core.config.ConfigKeys;
import java.util.Set;

/** The config-file keys beat (BeatConfig) reads, so the strict check at start-up accepts them (and catches typos in them). */
public final class BeatConfigKeys implements ConfigKeys {
    @Override
    public Set<String> keys() {
        return Set.of("beat", "beat.lease_timeout", "beat.misfire_grace", "beat.renew_interval",
                "beat.catch_up_window", "beat.entries", "beat.entries.*");
    }
}
