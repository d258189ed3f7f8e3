package io.celeriac.core.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Optional;
import java.util.function.Function;

/**
 * Our daylight-saving policy: which instants a wall-clock schedule fires at in a zone, and the
 * search for the first one after any instant.
 *
 * <p>Written here because cron-utils 9.2.1 gets it wrong for us: a {@code 0 2 * * *} entry in
 * Europe/Paris does not fire at all on the spring-forward day (STACK.md). Vixie cron's behaviour is
 * the model:
 * <ul>
 *   <li><b>Gap</b> (spring forward; the time does not exist): the time fires once, at the first
 *       instant after the gap. A daily 02:30 Europe/Paris entry fires at 03:00 CEST on the last
 *       Sunday of March. Every time inside one gap maps to that same instant, so the beat sends
 *       once for all of them, never a burst.</li>
 *   <li><b>Overlap</b> (fall back; the time happens twice): the time fires once, at the first of
 *       its two instants, so a daily 02:30 entry does not run twice in October. The exception is
 *       an expression whose hour field is {@code *} (hourly, every 10 minutes): such a job follows
 *       elapsed time, so it fires in both passes instead of pausing for an hour.</li>
 * </ul>
 *
 * <p>The search walks the time line one stretch of constant UTC offset at a time, so it gives the
 * same answer from any instant: inside the first pass of an overlap (where the second pass of
 * times already behind is still ahead), inside the second pass, or anywhere else. An earlier
 * version searched wall-clock times from the local time of the instant and missed the second pass
 * when asked from inside the first (issue 29: {@code *}/10 from 00:50Z on 2026-10-25 jumped to 01:50Z).
 */
public final class DstPolicy {
    /** Transitions crossed before giving up; a schedule silent that long never fires (cron-utils gives up first). */
    private static final int MAX_STRETCHES = 2_000;

    private DstPolicy() {
    }

    /**
     * The first fire instant strictly after {@code after}.
     *
     * @param firstMatch the first wall-clock time at or after the given one that the expression
     *                   matches, empty when there is none
     * @param everyHour  true when the expression's hour field is {@code *}: it fires in both passes
     */
    public static Optional<Instant> nextFire(Instant after, ZoneId zone, boolean everyHour,
                                             Function<LocalDateTime, Optional<LocalDateTime>> firstMatch) {
        ZoneRules rules = zone.getRules();
        Instant cursor = after;
        boolean includeCursor = false;
        for (int stretch = 0; stretch < MAX_STRETCHES; stretch++) {
            ZoneOffset offset = rules.getOffset(cursor);
            LocalDateTime from = LocalDateTime.ofInstant(cursor, offset);
            if (!includeCursor) {
                from = from.plusNanos(1);
            }
            ZoneOffsetTransition previous = rules.previousTransition(cursor.plusNanos(1));
            if (!everyHour && previous != null && previous.isOverlap() && from.isBefore(previous.getDateTimeBefore())) {
                // second pass: a fixed-hour expression fired these times in the first pass already
                from = previous.getDateTimeBefore();
            }
            Optional<LocalDateTime> match = firstMatch.apply(from);
            if (match.isEmpty()) {
                return Optional.empty();
            }
            ZoneOffsetTransition next = rules.nextTransition(cursor);
            if (next == null || match.get().isBefore(next.getDateTimeBefore())) {
                return Optional.of(match.get().toInstant(offset));
            }
            if (next.isGap()) {
                // the times inside the gap, and the first one after it, fire at the gap's instant
                Optional<LocalDateTime> inGap = firstMatch.apply(next.getDateTimeBefore());
                if (inGap.isPresent() && !inGap.get().isAfter(next.getDateTimeAfter())) {
                    return Optional.of(next.getInstant());
                }
                cursor = next.getInstant();
                includeCursor = false;
            } else {
                cursor = next.getInstant();
                includeCursor = true;
            }
        }
        return Optional.empty();
    }
}
