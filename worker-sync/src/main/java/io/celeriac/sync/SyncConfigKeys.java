package io.celeriac.sync;

import io.celeriac.core.config.ConfigKeys;
import java.util.Set;

/** The config-file keys worker-sync (SyncSettings) reads, so the strict check at start-up accepts them (and catches typos in them). */
public final class SyncConfigKeys implements ConfigKeys {
    @Override
    public Set<String> keys() {
        return Set.of("sync", "sync.max_instances_per_event", "sync.max_instances_per_feed",
                "sync.calendar_concurrency", "sync.calendar_run_budget", "sync.calendar_user_budget",
                "sync.calendar_window", "sync.calendar_keep_past", "sync.connect_timeout",
                "sync.read_timeout", "sync.max_feed_bytes", "sync.notion_base_url", "sync.notion_version",
                "sync.breaker_open_for", "sync.breaker_min_calls", "sync.breaker_min_users",
                "sync.default_retry_after", "sync.allowed_networks");
    }
}
