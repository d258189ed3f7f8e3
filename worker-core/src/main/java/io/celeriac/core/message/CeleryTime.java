package io.celeriac.core.message;

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

    public static String format(Instant instant) {
        return WRITE.format(instant);
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
