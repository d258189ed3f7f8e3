package io.celeriac.sync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.celeriac.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpFailuresTest {
    private final HttpFailures failures = new HttpFailures(new ManualClock(Instant.parse("2026-11-20T12:00:00Z")),
            Duration.ofSeconds(60));

    @Test
    void retry_after_in_seconds_is_taken_as_it_is() {
        assertEquals(Duration.ofSeconds(120), failures.retryAfter("120"));
    }

    @Test
    void retry_after_as_an_http_date_counts_from_the_injected_clock() {
        assertEquals(Duration.ofSeconds(90), failures.retryAfter("Fri, 20 Nov 2026 12:01:30 GMT"));
    }

    @Test
    void a_missing_or_unreadable_retry_after_takes_the_default_and_extremes_are_bounded() {
        assertEquals(Duration.ofSeconds(60), failures.retryAfter(null));
        assertEquals(Duration.ofSeconds(60), failures.retryAfter("soon"));
        assertEquals(Duration.ofSeconds(1), failures.retryAfter("0"));
        assertEquals(Duration.ofHours(6), failures.retryAfter("86400"));
    }
}
