package io.celeriac.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private final RetryAfter retryAfter = new RetryAfter(Duration.ofSeconds(60), Duration.ofHours(6));

    private static String date(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
    }

    @Test
    void seconds_and_a_date_naming_the_same_moment_give_the_same_wait() {
        assertEquals(Duration.ofSeconds(120), retryAfter.parse("120", NOW));
        assertEquals(Duration.ofSeconds(120), retryAfter.parse(date(NOW.plusSeconds(120)), NOW));
        assertEquals(Duration.ofHours(6), retryAfter.parse("86400", NOW));
        assertEquals(Duration.ofHours(6), retryAfter.parse(date(NOW.plusSeconds(86400)), NOW));
    }

    @Test
    void now_or_the_past_means_one_second_in_either_form() {
        assertEquals(Duration.ofSeconds(1), retryAfter.parse("0", NOW));
        assertEquals(Duration.ofSeconds(1), retryAfter.parse(date(NOW.minusSeconds(30)), NOW));
    }

    @Test
    void fractions_are_kept_and_huge_numbers_are_the_cap() {
        assertEquals(Duration.ofMillis(1500), retryAfter.parse(" 1.5 ", NOW));
        assertEquals(Duration.ofHours(6), retryAfter.parse("99999999999999999999999", NOW));
    }

    @Test
    void absent_negative_or_unreadable_headers_get_the_fallback() {
        for (String header : new String[] {null, "", "  ", "-5", "soon", "1e3", "Friday"}) {
            assertEquals(Duration.ofSeconds(60), retryAfter.parse(header, NOW), String.valueOf(header));
        }
    }
}
