package io.celeriac.core.schedule;

import io.celeriac.core.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Fires every {@code period} on a fixed grid: {@code anchor + k * period}. A grid rather than
 * "last run + period" (Celery's {@code schedule}) keeps occurrences a pure function of time, so
 * replicas agree on them, a restart does not shift them, and daylight saving cannot touch them.
 * With the default epoch anchor, {@code every 10m} fires at :00, :10, :20 ... UTC.
 */
public final class IntervalSchedule implements Schedule {
    /** Shorter periods would have the beat spin; use a worker loop for that. */
    public static final Duration MIN_PERIOD = Duration.ofSeconds(1);

    private final Duration period;
    private final Instant anchor;

    private IntervalSchedule(Duration period, Instant anchor) {
        this.period = period;
        this.anchor = anchor;
    }

    public static IntervalSchedule of(Duration period, Instant anchor) {
        if (period == null || period.compareTo(MIN_PERIOD) < 0) {
            throw new InvalidScheduleException("every", "interval must be at least 1s, got "
                    + (period == null ? "nothing" : Durations.format(period)));
        }
        if (period.toMillis() * 1_000_000 != period.toNanos()) {
            throw new InvalidScheduleException("every", "interval must be whole milliseconds");
        }
        return new IntervalSchedule(period, anchor);
    }

    public Duration period() {
        return period;
    }

    @Override
    public Optional<Instant> nextAfter(Instant after) {
        long step = period.toMillis();
        long since = after.toEpochMilli() - anchor.toEpochMilli();
        long k = Math.floorDiv(since, step) + 1;
        return Optional.of(anchor.plusMillis(k * step));
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    @Override
    public String describe() {
        String text = "every " + Durations.format(period);
        return anchor.equals(Instant.EPOCH) ? text : text + " from " + anchor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntervalSchedule other && other.period.equals(period) && other.anchor.equals(anchor);
    }

    @Override
    public int hashCode() {
        return period.hashCode() * 31 + anchor.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
