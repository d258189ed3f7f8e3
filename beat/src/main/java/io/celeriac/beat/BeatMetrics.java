package io.celeriac.beat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The beat's metrics: {@code celeriac.beat.fires} (entry, outcome) and {@code celeriac.beat.lateness}
 * (entry), how long after its due time each occurrence was handled.
 */
public final class BeatMetrics implements EntryFirer.FireListener {
    private final MeterRegistry registry;
    private final Map<String, Counter> fires = new ConcurrentHashMap<>();
    private final Map<String, Timer> lateness = new ConcurrentHashMap<>();

    public BeatMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void fired(String entry, EntryFirer.Outcome outcome, Duration late) {
        String outcomeTag = outcome.name().toLowerCase(Locale.ROOT);
        fires.computeIfAbsent(entry + '\n' + outcomeTag, k -> Counter.builder("celeriac.beat.fires")
                .description("Periodic occurrences handled by this replica").tags("entry", entry, "outcome", outcomeTag)
                .register(registry)).increment();
        lateness.computeIfAbsent(entry, e -> Timer.builder("celeriac.beat.lateness")
                .description("From an occurrence's due time to its sending").tags("entry", e)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1)).register(registry)).record(late.isNegative() ? Duration.ZERO : late);
    }
}
