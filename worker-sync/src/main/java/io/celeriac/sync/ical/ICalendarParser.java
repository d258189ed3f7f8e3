package io.celeriac.sync.ical;

import io.celeriac.sync.InvalidResponseException;
import io.celeriac.sync.calendar.CalendarEvent;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.util.CompatibilityHints;

/**
 * Turns an iCalendar document into the occurrences that overlap a window.
 *
 * <ol>
 *   <li>parse with ical4j (time zones from the document's VTIMEZONEs, else ical4j's zoneinfo);</li>
 *   <li>group VEVENTs by UID into the master and its exceptions (those with a RECURRENCE-ID);</li>
 *   <li>expand each master over the window (RRULE, RDATE and EXDATE are ical4j's job);</li>
 *   <li>let each exception replace the occurrence it names, or cancel it (STATUS:CANCELLED).</li>
 * </ol>
 * Floating times and all-day dates are read in the user's zone. Expansion is bounded
 * ({@link BoundedRecurrence}): a feed over its limits fails with
 * {@link io.celeriac.sync.FeedOverLimitException} having held no more than the limit.
 */
public final class ICalendarParser {
    private final int maxPerEvent;
    private final int maxPerFeed;

    /** With the default limits (1,000 occurrences per event, 10,000 per feed). */
    public ICalendarParser() {
        this(1_000, 10_000);
    }

    public ICalendarParser(int maxPerEvent, int maxPerFeed) {
        this.maxPerEvent = maxPerEvent;
        this.maxPerFeed = maxPerFeed;
    }

    static {
        // Real feeds (Outlook, Google, Apple) fold and quote loosely; strict parsing rejects them.
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_UNFOLDING, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_PARSING, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_OUTLOOK_COMPATIBILITY, true);
    }

    /** The occurrences of {@code text}'s events overlapping [{@code from}, {@code to}). */
    public List<CalendarEvent> parse(String text, ZoneId userZone, Instant from, Instant to) {
        Calendar calendar = build(text);
        Map<String, List<VEvent>> byUid = new LinkedHashMap<>();
        for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
            byUid.computeIfAbsent(uid(event), k -> new ArrayList<>()).add(event);
        }
        Period<ZonedDateTime> window = new Period<>(from.atZone(ZoneOffset.UTC), to.atZone(ZoneOffset.UTC));
        BoundedRecurrence recurrence = new BoundedRecurrence(new ExpansionBudget(maxPerEvent, maxPerFeed), userZone);
        List<CalendarEvent> occurrences = new ArrayList<>();
        byUid.forEach((uid, events) -> occurrences.addAll(expand(recurrence, uid, events, window, userZone, from, to)));
        return occurrences;
    }

    private List<CalendarEvent> expand(BoundedRecurrence recurrence, String uid, List<VEvent> events,
                                       Period<ZonedDateTime> window, ZoneId zone, Instant from, Instant to) {
        Map<String, CalendarEvent> byRecurrence = new LinkedHashMap<>();
        List<VEvent> exceptions = new ArrayList<>();
        for (VEvent event : events) {
            if (event.getRecurrenceId() != null) {
                exceptions.add(event);
                continue;
            }
            if (cancelled(event)) {
                continue;
            }
            boolean recurring = event.getProperty(Property.RRULE).isPresent() || event.getProperty(Property.RDATE).isPresent();
            for (Period<Temporal> period : recurrence.<Temporal>occurrences(event, window)) {
                String recurrenceId = recurring ? TemporalValues.key(period.getStart(), zone) : "";
                byRecurrence.put(recurrenceId, occurrence(uid, recurrenceId, event, period, zone));
            }
        }
        for (VEvent exception : exceptions) {
            String recurrenceId = TemporalValues.key(exception.getRecurrenceId().getDate(), zone);
            byRecurrence.remove(recurrenceId);
            if (cancelled(exception)) {
                continue;
            }
            // An exception may move an occurrence into the window from outside it, or out of it.
            for (Period<Temporal> period : recurrence.<Temporal>occurrences(exception, window)) {
                byRecurrence.put(recurrenceId, occurrence(uid, recurrenceId, exception, period, zone));
            }
        }
        return byRecurrence.values().stream()
                .filter(e -> e.end().isAfter(from) || (e.end().equals(e.start()) && !e.start().isBefore(from)))
                .filter(e -> e.start().isBefore(to))
                .toList();
    }

    private static CalendarEvent occurrence(String uid, String recurrenceId, VEvent event, Period<Temporal> period,
                                            ZoneId zone) {
        Temporal start = period.getStart();
        Temporal end = period.getEnd() == null ? start : period.getEnd();
        boolean allDay = start instanceof java.time.LocalDate;
        boolean busy = !"TRANSPARENT".equalsIgnoreCase(text(event, Property.TRANSP));
        Instant startAt = TemporalValues.instant(start, zone);
        Instant endAt = TemporalValues.instant(end, zone);
        return new CalendarEvent(uid, recurrenceId, text(event, Property.SUMMARY), nullIfBlank(text(event, Property.LOCATION)),
                startAt, endAt.isBefore(startAt) ? startAt : endAt, allDay, busy);
    }

    private static Calendar build(String text) {
        try {
            return new CalendarBuilder().build(new StringReader(text));
        } catch (ParserException | IOException | RuntimeException e) {
            throw new InvalidResponseException("the feed is not a readable iCalendar document: " + e.getMessage(), e);
        }
    }

    /** RFC 5545 requires a UID; a feed without one still gets a stable key from what identifies the event. */
    private static String uid(VEvent event) {
        String uid = text(event, Property.UID);
        if (!uid.isBlank()) {
            return uid;
        }
        return "no-uid:" + Integer.toHexString((text(event, Property.SUMMARY) + "|" + text(event, Property.DTSTART)).hashCode());
    }

    private static boolean cancelled(VEvent event) {
        return "CANCELLED".equalsIgnoreCase(text(event, Property.STATUS));
    }

    private static String text(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElse("");
    }

    private static String nullIfBlank(String value) {
        return value.isBlank() ? null : value;
    }
}
