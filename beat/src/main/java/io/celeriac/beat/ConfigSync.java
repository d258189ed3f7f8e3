package io.celeriac.beat;

import io.celeriac.beat.redis.BeatStore;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Redis's static entries match the config at beat start: writes each config entry (its state
 * survives unless its schedule changed) and deletes static entries no longer in the config.
 * Idempotent, so replicas starting together with the same config agree; replicas with different
 * configs would overwrite each other's, which is why all replicas must share one config.
 */
public final class ConfigSync {
    private static final Logger log = LoggerFactory.getLogger(ConfigSync.class);

    private ConfigSync() {
    }

    public static void apply(BeatStore store, List<BeatEntry> entries, Instant now) {
        int written = 0;
        for (BeatEntry entry : entries) {
            if (store.upsert(entry, now, BeatStore.Source.CONFIG) == BeatStore.Write.WRITTEN) {
                written++;
            }
        }
        Set<String> names = entries.stream().map(BeatEntry::name).collect(Collectors.toSet());
        int removed = 0;
        for (String stale : store.staticNames()) {
            if (!names.contains(stale) && store.remove(stale, BeatStore.Source.CONFIG) == BeatStore.Write.WRITTEN) {
                removed++;
            }
        }
        log.atInfo().addKeyValue("entries", entries.size()).addKeyValue("written", written)
                .addKeyValue("removed", removed).log("synced beat entries from the config");
    }
}
