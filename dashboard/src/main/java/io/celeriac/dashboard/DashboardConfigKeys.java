package io.celeriac.dashboard;

import io.celeriac.core.config.ConfigKeys;
import java.util.Set;

/** The config-file keys the dashboard reads ({@code dashboard.users}, {@code dashboard.redact}), so the strict check accepts them. */
public final class DashboardConfigKeys implements ConfigKeys {
    @Override
    public Set<String> keys() {
        return Set.of("dashboard", "dashboard.users", "dashboard.redact");
    }
}
