package io.celeriac.beat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.config.Durations;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What beat's README states about metrics and defaults, checked against the code so it stays true. */
class ReadmeClaimsTest {
    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void every_metric_the_beat_registers_is_in_the_readme_under_its_prometheus_name() throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new BeatMetrics(registry).fired("x", EntryFirer.Outcome.SENT, Duration.ofMillis(3));
        String readme = readme();
        assertFalse(readme.contains("No Micrometer metrics"), "the beat has metrics");
        for (Meter meter : registry.getMeters()) {
            String name = meter.getId().getName().replace('.', '_');
            String shown = meter.getId().getType() == Meter.Type.COUNTER ? name + "_total" : name + "_seconds";
            assertTrue(readme.contains(shown), "README names " + shown);
        }
    }

    @Test
    void the_readme_gives_the_default_settings() throws IOException {
        String readme = readme();
        BeatSettings d = BeatSettings.DEFAULTS;
        for (String row : new String[] {"`lease_timeout` | `" + Durations.format(d.leaseTimeout()) + "`",
                "`renew_interval` | `" + Durations.format(d.heartbeat()) + "`",
                "`misfire_grace` | `" + Durations.format(d.misfireGrace()) + "`",
                "`catch_up_window` | `" + Durations.format(d.catchUpWindow()) + "`"}) {
            assertTrue(readme.contains(row), "README row " + row);
        }
    }
}
