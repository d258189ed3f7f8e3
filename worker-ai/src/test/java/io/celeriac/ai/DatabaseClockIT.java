package io.celeriac.ai;

import io.celeriac.ai.db.DatabaseClock;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.db.Database;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PostgreSQL's clock as the AI module reads it: the server's time, whatever the process's clock says. */
class DatabaseClockIT {

    @Test
    void reads_the_servers_time_not_the_processes() throws Exception {
        // the process's own clock is a year off: nothing of it may show
        try (AiFixture fx = new AiFixture(new ManualClock(Instant.parse("2020-01-01T00:00:00Z")), false)) {
            DatabaseClock clock = new DatabaseClock(Database.of(fx.app));
            for (int i = 0; i < 3; i++) {
                Instant ours = clock.instant();
                Instant server = Database.of(fx.app).jdbi().withHandle(h -> h.createQuery("SELECT clock_timestamp()")
                        .mapTo(OffsetDateTime.class).one()).toInstant();
                Duration gap = Duration.between(ours, server).abs();
                assertTrue(gap.compareTo(Duration.ofMillis(200)) < 0, "off by " + gap.toMillis() + " ms");
            }
            Instant a = clock.instant();
            Instant b = clock.instant();
            assertTrue(!b.isBefore(a), "never goes back");
        }
    }
}
