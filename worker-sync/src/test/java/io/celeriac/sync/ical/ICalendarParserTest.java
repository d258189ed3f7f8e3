package io.celeriac.sync.ical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.sync.InvalidResponseException;
import io.celeriac.sync.calendar.CalendarEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ICalendarParserTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant FROM = Instant.parse("2026-11-19T12:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-20T12:00:00Z");

    private final ICalendarParser parser = new ICalendarParser();

    private static String feed(String name) throws IOException {
        try (InputStream in = ICalendarParserTest.class.getResourceAsStream("/feeds/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Map<String, CalendarEvent> parse(String text, ZoneId zone) {
        return parser.parse(text, zone, FROM, TO).stream().collect(Collectors.toMap(CalendarEvent::key, Function.identity()));
    }

    @Test
    void a_weekly_event_expands_inside_the_window_without_its_excluded_date_and_with_its_exception() throws IOException {
        Map<String, CalendarEvent> events = parse(feed("work.ics"), PARIS);

        List<CalendarEvent> standups = events.values().stream().filter(e -> e.uid().startsWith("standup")).sorted(
                java.util.Comparator.comparing(CalendarEvent::start)).toList();
        assertEquals(List.of("2026-11-23T08:30:00Z", "2026-12-07T08:30:00Z", "2026-12-14T08:30:00Z"),
                standups.stream().map(CalendarEvent::recurrenceId).toList(), "30 Nov is excluded, 21 Dec is past the window");
        CalendarEvent moved = standups.get(0);
        assertEquals("Weekly standup (moved)", moved.summary());
        assertEquals(Instant.parse("2026-11-23T13:00:00Z"), moved.start(), "14:00 Paris, moved from 09:30");
        assertEquals(Instant.parse("2026-11-23T13:30:00Z"), moved.end());
        assertEquals(Instant.parse("2026-12-07T08:30:00Z"), standups.get(1).start());
        assertEquals("Room 4", standups.get(1).location());
    }

    @Test
    void a_tzid_event_is_read_in_its_own_zone_even_without_a_vtimezone_block() throws IOException {
        CalendarEvent call = parse(feed("work.ics"), PARIS).get("ny-call-19c2@example.com\n");

        assertEquals(Instant.parse("2026-11-24T14:00:00Z"), call.start(), "09:00 in New York is 14:00 UTC in November");
        assertEquals(Instant.parse("2026-11-24T15:00:00Z"), call.end());
        assertFalse(call.allDay());
    }

    @Test
    void an_all_day_event_spans_the_users_day_and_a_past_event_outside_the_window_is_left_out() throws IOException {
        Map<String, CalendarEvent> events = parse(feed("work.ics"), PARIS);
        CalendarEvent holiday = events.get("holiday-2026-11-25@example.com\n");

        assertTrue(holiday.allDay());
        assertFalse(holiday.busy(), "TRANSP:TRANSPARENT");
        assertEquals(Instant.parse("2026-11-24T23:00:00Z"), holiday.start(), "midnight in Paris");
        assertEquals(Instant.parse("2026-11-25T23:00:00Z"), holiday.end());
        assertFalse(events.keySet().stream().anyMatch(k -> k.startsWith("kickoff")));
        assertEquals(6, events.size());
    }

    @Test
    void a_cancelled_exception_removes_its_occurrence_and_floating_times_use_the_users_zone() {
        String text = """
                BEGIN:VCALENDAR
                VERSION:2.0
                PRODID:-//test//EN
                BEGIN:VEVENT
                UID:gym@example.org
                DTSTAMP:20261101T080000Z
                DTSTART:20261120T180000
                DURATION:PT1H
                RRULE:FREQ=DAILY;COUNT=3
                SUMMARY:Gym
                END:VEVENT
                BEGIN:VEVENT
                UID:gym@example.org
                DTSTAMP:20261101T080000Z
                RECURRENCE-ID:20261121T180000
                DTSTART:20261121T180000
                DURATION:PT1H
                STATUS:CANCELLED
                SUMMARY:Gym
                END:VEVENT
                END:VCALENDAR
                """.replace("\n", "\r\n");
        List<CalendarEvent> events = parser.parse(text, ZoneId.of("America/Los_Angeles"), FROM, TO);

        assertEquals(List.of(Instant.parse("2026-11-21T02:00:00Z"), Instant.parse("2026-11-23T02:00:00Z")),
                events.stream().map(CalendarEvent::start).sorted().toList(), "18:00 in Los Angeles; the 21st is cancelled");
    }

    @Test
    void a_document_that_is_not_icalendar_is_an_invalid_response() {
        assertThrows(InvalidResponseException.class, () -> parser.parse("<html>login</html>", PARIS, FROM, TO));
    }
}
