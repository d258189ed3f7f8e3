package io.celeriac.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The cron against a brute-force reference, around every daylight-saving (and other offset)
 * transition that any IANA zone has from 2026 to 2030, asked from arbitrary instants.
 *
 * <p>The reference knows nothing of the search: it walks the time line minute by minute and asks
 * of each instant whether it is a fire instant under the policy (a matching local time on its
 * first pass, or on its second pass when the hour field is {@code *}; the instant a gap ends when
 * a time inside the gap, or the gap's end, matches). Expressions come from a small generator with
 * its own matcher, so cron-utils' parsing is not what is checked against itself.
 *
 * <p>By default a fixed-seed sample (a few seconds); {@code -Dcron.property.samples=N} runs more,
 * {@code -Dcron.property.seed=S} another sample.
 */
class CronPropertyTest {
    private static final int SAMPLES = Integer.getInteger("cron.property.samples", 400);
    private static final long SEED = Long.getLong("cron.property.seed", 29L);
    /** Fires compared per case, and how far the reference looks for them. */
    private static final int FIRES = 3;
    private static final Duration HORIZON = Duration.ofDays(2);

    /** One transition of one zone. */
    private record Case(ZoneId zone, ZoneOffsetTransition transition) {
    }

    @Test
    void the_cron_agrees_with_a_minute_by_minute_reference_around_every_transition_from_2026_to_2030() {
        List<Case> cases = transitions();
        assertTrue(cases.size() > 500, "transitions found: " + cases.size());
        SplittableRandom random = new SplittableRandom(SEED);
        int compared = 0;
        for (int i = 0; i < SAMPLES; i++) {
            // every transition is visited once before any is visited twice
            Case c = cases.get(SAMPLES >= cases.size() ? i % cases.size() : random.nextInt(cases.size()));
            Expression expression = Expression.random(random);
            long spread = Duration.ofHours(30).toNanos();
            Instant around = c.transition().getInstant().plusNanos(random.nextLong(-spread, spread));
            // a quarter on a whole minute, as a previous fire is
            Instant after = random.nextInt(4) == 0 ? around.truncatedTo(ChronoUnit.MINUTES) : around;
            List<Instant> expected = reference(expression, c.zone(), after);
            List<Instant> actual = new ArrayList<>();
            Schedule schedule = Schedule.cron(expression.text(), c.zone());
            Instant cursor = after;
            Instant end = after.plus(HORIZON);
            while (actual.size() < FIRES) {
                Optional<Instant> next = schedule.nextAfter(cursor);
                if (next.isEmpty() || next.get().isAfter(end)) {
                    break;
                }
                actual.add(next.get());
                cursor = next.get();
            }
            assertEquals(expected, actual, () -> "cron '" + expression.text() + "' in " + c.zone() + " from " + after
                    + " (transition " + c.transition() + ")");
            compared += expected.size();
        }
        assertTrue(compared > SAMPLES, "fires compared: " + compared);
    }

    /** Every transition of every zone from 2026 to 2030. */
    private static List<Case> transitions() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = Instant.parse("2031-01-01T00:00:00Z");
        List<Case> out = new ArrayList<>();
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            ZoneId zone = ZoneId.of(id);
            ZoneOffsetTransition t = zone.getRules().nextTransition(from);
            while (t != null && t.getInstant().isBefore(to)) {
                out.add(new Case(zone, t));
                t = zone.getRules().nextTransition(t.getInstant());
            }
        }
        return out;
    }

    /** The first {@link #FIRES} fire instants strictly after {@code after} and within the horizon. */
    private static List<Instant> reference(Expression e, ZoneId zone, Instant after) {
        ZoneRules rules = zone.getRules();
        List<Instant> out = new ArrayList<>();
        Instant t = after.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        for (Instant end = after.plus(HORIZON); !t.isAfter(end) && out.size() < FIRES; t = t.plus(1, ChronoUnit.MINUTES)) {
            if (fires(e, rules, t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static boolean fires(Expression e, ZoneRules rules, Instant t) {
        ZoneOffset offset = rules.getOffset(t);
        LocalDateTime local = LocalDateTime.ofInstant(t, offset);
        if (e.matches(local)) {
            ZoneOffsetTransition overlap = rules.getTransition(local);
            if (overlap == null || offset.equals(overlap.getOffsetBefore()) || e.everyHour()) {
                return true;
            }
        }
        ZoneOffsetTransition previous = rules.previousTransition(t.plusNanos(1));
        if (previous != null && previous.isGap() && previous.getInstant().equals(t)) {
            for (LocalDateTime l = previous.getDateTimeBefore(); l.isBefore(previous.getDateTimeAfter()); l = l.plusMinutes(1)) {
                if (e.matches(l)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A generated 5-field expression and its own matcher. */
    private record Expression(String text, Field minute, Field hour, Field dom, Field month, Field dow) {
        boolean everyHour() {
            return hour.text().equals("*");
        }

        boolean matches(LocalDateTime l) {
            return minute.has(l.getMinute()) && hour.has(l.getHour()) && dom.has(l.getDayOfMonth())
                    && month.has(l.getMonthValue()) && dow.has(l.getDayOfWeek().getValue() % 7);
        }

        static Expression random(SplittableRandom r) {
            Field minute = Field.random(r, 0, 59, 4);
            Field hour = r.nextInt(3) == 0 ? Field.random(r, 0, 23, 3) : Field.STAR_HOUR;
            Field dom = r.nextInt(6) == 0 ? Field.random(r, 1, 31, 2) : Field.star(1, 31);
            Field month = r.nextInt(10) == 0 ? Field.random(r, 1, 12, 3) : Field.star(1, 12);
            // day of month and day of week restricted together mean "either" in cron: kept apart here
            Field dow = dom.text().equals("*") && r.nextInt(5) == 0 ? Field.random(r, 0, 6, 2) : Field.star(0, 6);
            String text = String.join(" ", minute.text(), hour.text(), dom.text(), month.text(), dow.text());
            return new Expression(text, minute, hour, dom, month, dow);
        }
    }

    /** One field: its text and the values it matches. */
    private record Field(String text, boolean[] values, int min) {
        static final Field STAR_HOUR = star(0, 23);

        boolean has(int value) {
            return value - min < values.length && values[value - min];
        }

        static Field star(int min, int max) {
            boolean[] all = new boolean[max - min + 1];
            java.util.Arrays.fill(all, true);
            return new Field("*", all, min);
        }

        /** {@code *}/k, a, a-b, a,b,... or a-b/k within [min, max]; {@code maxParts} values in a list. */
        static Field random(SplittableRandom r, int min, int max, int maxParts) {
            boolean[] v = new boolean[max - min + 1];
            String text;
            switch (r.nextInt(5)) {
                case 0 -> {
                    int step = r.nextInt(2, Math.max(3, (max - min) / 2));
                    for (int x = min; x <= max; x += step) {
                        v[x - min] = true;
                    }
                    text = "*/" + step;
                }
                case 1 -> {
                    int a = r.nextInt(min, max + 1);
                    v[a - min] = true;
                    text = Integer.toString(a);
                }
                case 2 -> {
                    int a = r.nextInt(min, max);
                    int b = r.nextInt(a + 1, max + 1);
                    for (int x = a; x <= b; x++) {
                        v[x - min] = true;
                    }
                    text = a + "-" + b;
                }
                case 3 -> {
                    TreeSet<Integer> picked = new TreeSet<>();
                    int n = r.nextInt(2, maxParts + 1);
                    while (picked.size() < n) {
                        picked.add(r.nextInt(min, max + 1));
                    }
                    picked.forEach(x -> v[x - min] = true);
                    text = String.join(",", picked.stream().map(String::valueOf).toList());
                }
                default -> {
                    int a = r.nextInt(min, max);
                    int b = r.nextInt(a + 1, max + 1);
                    int step = r.nextInt(2, 6);
                    for (int x = a; x <= b; x += step) {
                        v[x - min] = true;
                    }
                    text = a + "-" + b + "/" + step;
                }
            }
            return new Field(text, v, min);
        }
    }
}
