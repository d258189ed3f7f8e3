package io.celeriac.core.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Our daylight-saving policy: which instants a wall-clock fire time stands for in a zone.
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
 */
public final class DstPolicy {
    private DstPolicy() {
    }

    /**
     * The instants {@code local} fires at in {@code zone}, earliest first (one or two).
     *
     * @param everyHour true when the expression's hour field is {@code *}
     */
    public static List<Instant> instants(LocalDateTime local, ZoneId zone, boolean everyHour) {
        ZoneRules rules = zone.getRules();
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (transition == null) {
            return List.of(local.atZone(zone).toInstant());
        }
        if (transition.isGap()) {
            return List.of(transition.getInstant());
        }
        Instant first = local.toInstant(transition.getOffsetBefore());
        if (!everyHour) {
            return List.of(first);
        }
        return List.of(first, local.toInstant(transition.getOffsetAfter()));
    }

    /**
     * The earliest wall-clock time whose instants can still lie after {@code after}: its local
     * time, or earlier while {@code after} is inside the second pass of an overlap, when times
     * already seen once come round again.
     */
    static LocalDateTime earliestRelevantLocal(Instant after, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(after, zone);
        ZoneOffsetTransition previous = zone.getRules().previousTransition(after.plusNanos(1));
        if (previous != null && previous.isOverlap()
                && after.isBefore(previous.getInstant().plus(previous.getDuration().abs()))) {
            return local.minus(previous.getDuration().abs());
        }
        return local;
    }
}
