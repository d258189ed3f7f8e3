package io.celeriac.ai.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Duration FALLBACK = Duration.ofSeconds(30);
    private static final Duration MAX = Duration.ofMinutes(10);

    @Test
    void seconds_an_http_date_or_nothing_give_the_wait() {
        assertEquals(Duration.ofSeconds(7), RetryAfter.parse("7", NOW, FALLBACK, MAX));
        assertEquals(Duration.ofSeconds(90), RetryAfter.parse("Mon, 30 Nov 2026 10:01:30 GMT", NOW, FALLBACK, MAX));
        assertEquals(FALLBACK, RetryAfter.parse(null, NOW, FALLBACK, MAX));
        assertEquals(FALLBACK, RetryAfter.parse("later", NOW, FALLBACK, MAX));
    }

    @Test
    void a_wait_is_at_least_a_second_and_at_most_the_cap() {
        assertEquals(Duration.ofSeconds(1), RetryAfter.parse("0", NOW, FALLBACK, MAX));
        assertEquals(MAX, RetryAfter.parse("86400", NOW, FALLBACK, MAX));
    }
}
