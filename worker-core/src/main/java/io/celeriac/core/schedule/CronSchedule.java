package io.celeriac.core.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A 5-field crontab ({@code minute hour day-of-month month day-of-week}: {@code *}/10, ranges,
 * lists, names such as {@code MON-FRI}) read as wall-clock time in a zone.
 *
 * <p>cron-utils only enumerates wall-clock times: it is asked in UTC, where no clock jumps, and
 * {@link DstPolicy} walks the zone's time line and turns wall-clock times into instants.
 * Occurrences are therefore the same on every machine whatever its default zone, and the same
 * whatever instant they are asked from.
 */
public final class CronSchedule implements Schedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime execution;
    private final boolean everyHour;

    private CronSchedule(String expression, ZoneId zone, Cron cron) {
        this.expression = expression;
        this.zone = zone;
        this.execution = ExecutionTime.forCron(cron);
        this.everyHour = cron.retrieve(CronFieldName.HOUR).getExpression() instanceof Always;
    }

    /** Parses a 5-field expression; the error names what is wrong with it. */
    public static CronSchedule parse(String expression, ZoneId zone) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidScheduleException("cron", "cron expression is empty");
        }
        String normalized = expression.strip().replaceAll("\\s+", " ");
        if (normalized.split(" ").length != 5) {
            throw new InvalidScheduleException("cron", "cron expression '" + expression
                    + "' must have 5 fields (minute hour day-of-month month day-of-week)");
        }
        try {
            Cron cron = PARSER.parse(normalized).validate();
            return new CronSchedule(normalized, zone, cron);
        } catch (IllegalArgumentException e) {
            throw new InvalidScheduleException("cron", "invalid cron expression '" + expression + "': " + e.getMessage(), e);
        }
    }

    public String expression() {
        return expression;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public Optional<Instant> nextAfter(Instant after) {
        return DstPolicy.nextFire(after, zone, everyHour, this::firstMatch);
    }

    /** The first wall-clock time at or after {@code from} that the expression matches. */
    private Optional<LocalDateTime> firstMatch(LocalDateTime from) {
        // cron-utils answers strictly after its argument, in whole seconds
        LocalDateTime before = from.getNano() == 0 ? from.minusSeconds(1) : from.withNano(0);
        return execution.nextExecution(before.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
    }

    @Override
    public String describe() {
        return "cron " + expression + " " + zone.getId();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule other && other.expression.equals(expression) && other.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return expression.hashCode() * 31 + zone.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
