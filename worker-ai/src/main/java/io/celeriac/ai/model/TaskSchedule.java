package io.celeriac.ai.model;

import io.celeriac.core.config.Durations;
import io.celeriac.core.schedule.CronSchedule;
import io.celeriac.core.schedule.IntervalSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When an AI task runs: once at an instant, on a cron read in the task's zone (our DST policy), or
 * every period on a grid anchored at the first run. Pure: the caller supplies the instant to start from.
 */
public sealed interface TaskSchedule {

    /** The first run strictly after {@code after}, read in {@code zone}; empty when none is left. */
    Optional<Instant> nextAfter(Instant after, ZoneId zone);

    /** Stored text for the schedule type column. */
    String type();

    String describe();

    default boolean recurring() {
        return !(this instanceof Once);
    }

    record Once(Instant at) implements TaskSchedule {
        @Override
        public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
            return at.isAfter(after) ? Optional.of(at) : Optional.empty();
        }

        @Override
        public String type() {
            return "once";
        }

        @Override
        public String describe() {
            return "once at " + at;
        }
    }

    record Cron(String expression) implements TaskSchedule {
        @Override
        public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
            return CronSchedule.parse(expression, zone).nextAfter(after);
        }

        @Override
        public String type() {
            return "cron";
        }

        @Override
        public String describe() {
            return "cron " + expression;
        }
    }

    /**
     * Every {@code period} from {@code anchor} (the first run), so runs keep their minute whatever
     * the delays. A period of whole days counts calendar days in the task's zone: "every 1 day" at
     * 09:00 stays at 09:00 local across daylight saving changes instead of drifting an hour.
     */
    record Every(Duration period, Instant anchor) implements TaskSchedule {
        private static final long DAY_SECONDS = 86_400;

        @Override
        public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
            if (after.isBefore(anchor)) {
                return Optional.of(anchor);
            }
            if (period.toSeconds() % DAY_SECONDS == 0 && period.toNanos() % 1_000_000_000 == 0) {
                long days = period.toSeconds() / DAY_SECONDS;
                java.time.ZonedDateTime first = anchor.atZone(zone);
                // start a step or two early: a day is 23 or 25 hours around a change
                long k = Math.max(0, Duration.between(anchor, after).toDays() / days - 1);
                for (; ; k++) {
                    Instant at = first.plusDays(k * days).toInstant();
                    if (at.isAfter(after)) {
                        return Optional.of(at);
                    }
                }
            }
            return IntervalSchedule.of(period, anchor).nextAfter(after);
        }

        @Override
        public String type() {
            return "interval";
        }

        @Override
        public String describe() {
            return "every " + Durations.format(period);
        }
    }
}
