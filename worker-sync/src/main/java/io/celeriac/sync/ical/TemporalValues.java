package io.celeriac.sync.ical;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;

/**
 * The java.time values ical4j hands out (ZonedDateTime for TZID, OffsetDateTime for UTC,
 * LocalDateTime for floating times, LocalDate for dates) as instants and recurrence keys.
 */
final class TemporalValues {
    private TemporalValues() {
    }

    /** The instant a value stands for; floating times and dates are read in {@code zone}. */
    static Instant instant(Temporal value, ZoneId zone) {
        return switch (value) {
            case ZonedDateTime z -> z.toInstant();
            case OffsetDateTime o -> o.toInstant();
            case Instant i -> i;
            case LocalDateTime l -> l.atZone(zone).toInstant();
            case LocalDate d -> d.atStartOfDay(zone).toInstant();
            default -> Instant.ofEpochSecond(value.getLong(ChronoField.INSTANT_SECONDS));
        };
    }

    /**
     * A recurrence key: the date for all-day occurrences, else the UTC instant, so an occurrence
     * and the exception naming it agree whichever zone notation each was written in.
     */
    static String key(Temporal value, ZoneId zone) {
        return value instanceof LocalDate date ? date.toString() : instant(value, zone).toString();
    }
}
