package io.celeriac.core.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Celery's ISO-8601 timestamps. We always write UTC with a {@code +00:00} offset and microseconds,
 * as current Celery does; we read that, {@code Z}, and naive strings (naive means UTC, the
 * application time zone of every Celery app we interoperate with).
 */
public final class CeleryTime {
    private static final DateTimeFormatter WRITE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private CeleryTime() {
    }

    /**
     * {@code 2026-12-02T03:11:17.123456+00:00}. Written by hand for years 1-9999 (every result
     * carries one, and the formatter cost more than the rest of the result's JSON).
     */
    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 1 || t.getYear() > 9999) {
            return WRITE.format(instant);
        }
        byte[] out = "0000-00-00T00:00:00.000000+00:00".getBytes(StandardCharsets.US_ASCII);
        digits(out, 0, 4, t.getYear());
        digits(out, 5, 2, t.getMonthValue());
        digits(out, 8, 2, t.getDayOfMonth());
        digits(out, 11, 2, t.getHour());
        digits(out, 14, 2, t.getMinute());
        digits(out, 17, 2, t.getSecond());
        digits(out, 20, 6, t.getNano() / 1000);
        return new String(out, StandardCharsets.US_ASCII);
    }

    private static void digits(byte[] out, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The earliest and latest instants a message may carry: years 1 to 9999, as Python's datetime. */
    static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * A header's timestamp, or null when absent; a malformed one or one outside years 1-9999 (which
     * no arithmetic downstream could hold) is a {@link MalformedMessageException} naming the field.
     */
    static Instant parseField(String text, String field, String taskId) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Instant instant;
        try {
            instant = parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException(field + " is not an ISO-8601 time: " + io.celeriac.core.internal.LogSafe.of(text, 64), taskId);
        }
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new MalformedMessageException(field + " is outside years 1-9999: " + io.celeriac.core.internal.LogSafe.of(text, 64), taskId);
        }
        return instant;
    }

    /** Parses a Celery timestamp; throws {@link DateTimeParseException} when it is none. */
    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }
}
