package io.celeriac.ai.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP date; a default when absent or unreadable; capped. */
public final class RetryAfter {
    private RetryAfter() {
    }

    public static Duration parse(String header, Instant now, Duration fallback, Duration max) {
        Duration wait = read(header, now);
        if (wait == null) {
            wait = fallback;
        }
        if (wait.isNegative() || wait.isZero()) {
            wait = Duration.ofSeconds(1);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private static Duration read(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String text = header.strip();
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        } catch (NumberFormatException ignored) {
            // not seconds: an HTTP date
        }
        try {
            return Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
