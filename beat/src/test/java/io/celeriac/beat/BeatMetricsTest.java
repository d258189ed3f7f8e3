package io.celeriac.beat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BeatMetricsTest {

    @Test
    void fires_are_counted_by_entry_and_outcome_and_lateness_is_recorded() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BeatMetrics metrics = new BeatMetrics(registry);
        metrics.fired("nightly", EntryFirer.Outcome.SENT, Duration.ofMillis(12));
        metrics.fired("nightly", EntryFirer.Outcome.SENT, Duration.ofMillis(8));
        metrics.fired("nightly", EntryFirer.Outcome.SKIPPED, Duration.ofHours(3));
        assertEquals(2, registry.get("celeriac.beat.fires").tags("entry", "nightly", "outcome", "sent").counter().count());
        assertEquals(1, registry.get("celeriac.beat.fires").tags("outcome", "skipped").counter().count());
        assertEquals(3, registry.get("celeriac.beat.lateness").tags("entry", "nightly").timer().count());
        assertEquals(Duration.ofHours(3).toMillis(), registry.get("celeriac.beat.lateness").timer().max(TimeUnit.MILLISECONDS), 1.0);
    }
}
