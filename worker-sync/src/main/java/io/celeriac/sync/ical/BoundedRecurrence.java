package io.celeriac.sync.ical;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.TreeSet;
import java.util.function.Consumer;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.TemporalAmountAdapter;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.ExRule;
import net.fortuna.ical4j.model.property.RDate;
import net.fortuna.ical4j.model.property.RRule;

/**
 * An event's occurrences in a window, as ical4j's {@code Component.calculateRecurrenceSet} and
 * {@code RecurrenceSet.Builder} compute them (the same rules for DTSTART, DTEND/DUE/DURATION,
 * RDATE, RRULE, EXDATE, EXRULE), but expanded lazily and under a budget: ical4j collects every
 * date of a rule into a list before anyone can count them (a FREQ=SECONDLY rule over a month is
 * 2.7 million), while here each rule is walked one candidate at a time through ical4j's own
 * spliterator, each kept occurrence is counted ({@link ExpansionBudget}), and so is each step,
 * so the walk stops at the limit instead of after the damage.
 */
final class BoundedRecurrence {
    private final ExpansionBudget budget;
    private final ZoneId zone;

    BoundedRecurrence(ExpansionBudget budget, ZoneId zone) {
        this.budget = budget;
        this.zone = zone;
    }

    @SuppressWarnings("unchecked")
    <T extends Temporal> Set<Period<T>> occurrences(VEvent event, Period<ZonedDateTime> window) {
        Optional<DateProperty<T>> start = event.getProperty(Property.DTSTART);
        if (start.isEmpty()) {
            return Set.of();
        }
        budget.nextEvent();
        T seed = start.get().getDate();
        TemporalAmount duration = duration(event, seed);
        Set<Period<T>> set = new TreeSet<>();
        Consumer<Period<T>> keep = period -> {
            if (set.add(period)) {
                budget.count();
            }
        };
        for (Property property : event.getProperties(Property.RDATE)) {
            if (property.getParameter(Parameter.VALUE).equals(Optional.of(Value.PERIOD))) {
                ((RDate<T>) property).getPeriods().orElse(Set.of()).stream().filter(window::intersects).forEach(keep);
            } else {
                ((DateListProperty<T>) property).getDates().stream().filter(window::includes)
                        .forEach(date -> keep.accept(new Period<>(date, duration)));
            }
        }
        // a rule's occurrence that starts before the window but lasts into it counts
        Temporal from = window.getStart().minus(duration);
        List<Property> rules = event.getProperties(Property.RRULE);
        for (Property rule : rules) {
            walk(((RRule<T>) rule).getRecur(), seed, from, window, date -> keep.accept(new Period<>(date, duration)));
        }
        if (rules.isEmpty()) {
            Period<T> initial = new Period<>(seed, duration);
            if (window.intersects(initial)) {
                keep.accept(initial);
            }
        }
        Set<T> excluded = new HashSet<>();
        for (Property exdate : event.getProperties(Property.EXDATE)) {
            excluded.addAll(((DateListProperty<T>) exdate).getDates());
        }
        set.removeIf(period -> excluded.contains(period.getStart()));
        for (Property exrule : event.getProperties(Property.EXRULE)) {
            walk(((ExRule<T>) exrule).getRecur(), seed, from, window, date -> set.remove(new Period<>(date, duration)));
        }
        return set;
    }

    /** Hands each date of {@code recur} in the window to {@code each}, one candidate at a time, at most {@link ExpansionBudget#maxSteps()} steps. */
    private <T extends Temporal> void walk(Recur<T> recur, T seed, Temporal from, Period<ZonedDateTime> window, Consumer<T> each) {
        RuleCheck.check(recur, seed, window.getEnd().toInstant(), zone);
        // unsplit, the stream's spliterator is ical4j's own: each tryAdvance examines one candidate
        Spliterator<T> dates = recur.getDatesAsStream(seed, from, window.getEnd(), -1).spliterator();
        int steps = 0;
        int maxSteps = budget.maxSteps();
        while (dates.tryAdvance(each)) {
            if (++steps > maxSteps) {
                throw RuleCheck.tooManySteps(maxSteps);
            }
        }
    }

    /** DURATION, else DTEND (or DUE) minus DTSTART, else zero for a date-time and one day for a date (RFC 5545 3.6.1). */
    private static <T extends Temporal> TemporalAmount duration(VEvent event, T seed) {
        Optional<net.fortuna.ical4j.model.property.Duration> explicit = event.getProperty(Property.DURATION);
        if (explicit.isPresent()) {
            return explicit.get().getDuration();
        }
        Optional<DateProperty<T>> end = event.getProperty(Property.DTEND);
        if (end.isEmpty()) {
            end = event.getProperty(Property.DUE);
        }
        if (end.isPresent()) {
            return TemporalAmountAdapter.from(seed, end.get().getDate()).getDuration();
        }
        return seed.isSupported(ChronoField.SECOND_OF_DAY) ? Duration.ZERO : java.time.Period.ofDays(1);
    }
}
