package io.celeriac.core.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a periodic task fires: a set of instants, asked for one at a time. Implementations are
 * immutable, thread-safe and pure (no clock), so every beat replica computes the same occurrences
 * and the beat can claim each one by its instant.
 */
public sealed interface Schedule permits CronSchedule, IntervalSchedule {

    /** The first fire instant strictly after {@code after}; empty when the schedule never fires again. */
    Optional<Instant> nextAfter(Instant after);

    /** The zone the schedule reads wall-clock times in (UTC for intervals). */
    ZoneId zone();

    /**
     * A stable text form, such as {@code cron 0 2 * * * Europe/Paris} or {@code every 10m}: equal
     * texts mean equal schedules, which is how a changed schedule is told from a changed argument.
     */
    String describe();

    /** Up to {@code count} fire instants strictly after {@code after}, in order. */
    default List<Instant> next(Instant after, int count) {
        List<Instant> out = new ArrayList<>(count);
        Instant cursor = after;
        while (out.size() < count) {
            Optional<Instant> next = nextAfter(cursor);
            if (next.isEmpty()) {
                break;
            }
            out.add(next.get());
            cursor = next.get();
        }
        return out;
    }

    /** A 5-field crontab read in {@code zone}; see {@link CronSchedule}. */
    static Schedule cron(String expression, ZoneId zone) {
        return CronSchedule.parse(expression, zone);
    }

    /** Every {@code period}, on the grid of whole periods since the Unix epoch. */
    static Schedule every(Duration period) {
        return IntervalSchedule.of(period, Instant.EPOCH);
    }

    /** A zone by IANA name ({@code Europe/Paris}) or offset ({@code UTC}, {@code +02:00}). */
    static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidScheduleException("timezone", "time zone is empty");
        }
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            throw new InvalidScheduleException("timezone", "unknown time zone '" + id + "' (use an IANA name such as Europe/Paris, or UTC)", e);
        }
    }
}
