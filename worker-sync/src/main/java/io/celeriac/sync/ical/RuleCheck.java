package io.celeriac.sync.ical;

import io.celeriac.sync.FeedOverLimitException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.List;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * Refuses recurrence rules that ical4j cannot expand within bounds, before it starts. ical4j
 * expands one period (a year for FREQ=YEARLY) at a time into every candidate its BY lists make,
 * so {@code FREQ=YEARLY;BYHOUR=0..23;BYMINUTE=0..59;BYSECOND=0..59} is 31 million candidates in one
 * list; and it reaches the window by doubling an {@code int} step count, which overflows (and then
 * never ends) for a rule whose start lies more than 2^30 steps back, e.g. FREQ=SECONDLY from 1990.
 */
final class RuleCheck {
    /** Candidates one period may generate; real calendars stay far below (a weekly rule on five days: 5). */
    static final int MAX_CANDIDATES_PER_PERIOD = 5_000;
    /** Steps of a rule beyond its occurrences (see {@link ExpansionBudget#maxSteps()}); each candidate examined is one. */
    static final int MAX_STEPS = 200_000;
    private static final long MAX_INCREMENTS = 1L << 29;

    private RuleCheck() {
    }

    static void check(Recur<?> recur, Temporal seed, Instant windowEnd, ZoneId zone) {
        for (List<?> list : List.of(recur.getSecondList(), recur.getMinuteList(), recur.getHourList(), recur.getDayList(),
                recur.getMonthDayList(), recur.getYearDayList(), recur.getWeekNoList(), recur.getMonthList(),
                recur.getSetPosList())) {
            if (list.size() > 750) {
                throw refused("has a BY list longer than any calendar needs");
            }
        }
        if (candidatesPerPeriod(recur) > MAX_CANDIDATES_PER_PERIOD) {
            throw refused("asks for more than " + MAX_CANDIDATES_PER_PERIOD + " times per period (BYHOUR/BYMINUTE/BYSECOND lists)");
        }
        long units = Math.max(0, Duration.between(TemporalValues.instant(seed, zone), windowEnd).getSeconds()) / unitSeconds(recur.getFrequency());
        if (2 * units + 2L * Math.max(1, recur.getInterval()) > MAX_INCREMENTS) {
            throw refused("starts too long before the sync window for its frequency");
        }
    }

    static FeedOverLimitException tooManySteps(int steps) {
        return refused("needs more than " + steps + " steps to get through the sync window");
    }

    private static FeedOverLimitException refused(String why) {
        return new FeedOverLimitException("a recurrence rule " + why + "; the feed was not stored");
    }

    /** An upper bound of what one period expands to: days in the period times the finer BY lists. */
    static long candidatesPerPeriod(Recur<?> recur) {
        Frequency frequency = recur.getFrequency();
        boolean dayRules = !recur.getDayList().isEmpty() || !recur.getMonthDayList().isEmpty()
                || !recur.getYearDayList().isEmpty() || !recur.getWeekNoList().isEmpty();
        long days = switch (frequency) {
            case YEARLY -> dayRules ? 366 : Math.max(1, recur.getMonthList().size());
            case MONTHLY -> dayRules ? 31 : 1;
            case WEEKLY -> dayRules ? 7 : 1;
            default -> 1;
        };
        long hours = coarser(frequency, Frequency.HOURLY) ? Math.max(1, recur.getHourList().size()) : 1;
        long minutes = coarser(frequency, Frequency.MINUTELY) ? Math.max(1, recur.getMinuteList().size()) : 1;
        long seconds = coarser(frequency, Frequency.SECONDLY) ? Math.max(1, recur.getSecondList().size()) : 1;
        return days * hours * minutes * seconds;
    }

    /** Frequency's enum runs from SECONDLY to YEARLY. */
    private static boolean coarser(Frequency frequency, Frequency than) {
        return frequency.ordinal() > than.ordinal();
    }

    /** The shortest length of one step: a month is at least 28 days, a year 365. */
    private static long unitSeconds(Frequency frequency) {
        return switch (frequency) {
            case SECONDLY -> 1;
            case MINUTELY -> 60;
            case HOURLY -> 3_600;
            case DAILY -> 86_400;
            case WEEKLY -> 7 * 86_400;
            case MONTHLY -> 28 * 86_400;
            case YEARLY -> 365 * 86_400;
        };
    }
}
