package io.celeriac.http;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads {@code Retry-After} (RFC 9110 10.2.3): delay-seconds or an HTTP date, one reading for every
 * module. Both forms give the same wait for the same moment: at least one second (a date in the
 * past, or {@code 0}, means "soon", not "hammer"), at most {@code max}; fractions of a second, which
 * some providers send, are kept. Absent, negative or unreadable: {@code fallback}.
 */
public final class RetryAfter {
    private static final Duration MIN = Duration.ofSeconds(1);

    private final Duration fallback;
    private final Duration max;

    public RetryAfter(Duration fallback, Duration max) {
        if (max.compareTo(MIN) < 0 || fallback.isNegative()) {
            throw new IllegalArgumentException("Retry-After bounds: max at least 1 s, fallback not negative");
        }
        this.fallback = fallback;
        this.max = max;
    }

    public Duration parse(String header, Instant now) {
        Duration wait = read(header, now);
        return bound(wait == null ? fallback : wait);
    }

    private Duration bound(Duration wait) {
        if (wait.compareTo(MIN) < 0) {
            return MIN;
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private Duration read(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String text = header.strip();
        if (text.matches("\\d+(\\.\\d+)?")) {
            BigDecimal seconds = new BigDecimal(text);
            // more seconds than a Duration holds is simply "a long time": the cap
            return seconds.compareTo(BigDecimal.valueOf(max.toSeconds() + 1)) > 0 ? max
                    : Duration.ofMillis(seconds.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).longValueExact());
        }
        try {
            return Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
