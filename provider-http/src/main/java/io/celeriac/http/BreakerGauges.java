package io.celeriac.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process's open circuit breakers as one gauge per provider, {@code celeriac.breakers.open}
 * ({@code celeriac_breakers_open{provider}} on {@code /metrics}), on Micrometer's global registry
 * (the process's own joins it). The provider is the breaker key without its host ({@code llm},
 * {@code twilio}, {@code calendar feed}, {@code notion}), so hosts users add never make a series; at
 * most {@value #MAX_PROVIDERS} providers get one. Only the shared breakers count: one user's own
 * breaker opening is that user's trouble, not the provider's.
 */
final class BreakerGauges {
    static final int MAX_PROVIDERS = 20;

    private static final Set<CircuitBreakers> live = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private static final Set<String> providers = ConcurrentHashMap.newKeySet();

    private BreakerGauges() {
    }

    /** Counts {@code breakers} in while it is reachable. */
    static void track(CircuitBreakers breakers) {
        live.add(breakers);
    }

    /** A shared breaker for {@code key} exists: its provider gets a gauge (once). */
    static void seen(String key) {
        String provider = provider(key);
        if (providers.size() < MAX_PROVIDERS && providers.add(provider)) {
            Gauge.builder("celeriac.breakers.open", () -> open(provider))
                    .description("Shared circuit breakers of the provider that are open now (calls fail at once)")
                    .tag("provider", provider).register(Metrics.globalRegistry);
        }
    }

    /** The key without its last word when that word names a host ({@code notion api.notion.com:443} -> {@code notion}). */
    static String provider(String key) {
        int space = key.lastIndexOf(' ');
        return space > 0 && key.substring(space + 1).contains(".") ? key.substring(0, space) : key;
    }

    private static double open(String provider) {
        List<CircuitBreakers> each;
        synchronized (live) {
            each = new ArrayList<>(live);
        }
        return each.stream().mapToLong(b -> b.openShared(provider)).sum();
    }
}
