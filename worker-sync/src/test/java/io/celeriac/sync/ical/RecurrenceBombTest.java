package io.celeriac.sync.ical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.sync.FeedOverLimitException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.component.VEvent;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Feeds built to exhaust a worker: each must stop at a limit, having held no more than it, with
 * a reason naming the limit. (CalendarBombIT runs them through a whole sync in a small heap.)
 */
class RecurrenceBombTest {
    private static final Instant FROM = Instant.parse("2026-11-19T12:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-20T12:00:00Z");

    private final ICalendarParser parser = new ICalendarParser(1_000, 10_000);

    static String calendar(String... events) {
        List<String> lines = new ArrayList<>(List.of("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bomb//EN"));
        for (String event : events) {
            lines.add("BEGIN:VEVENT");
            lines.addAll(List.of(event.split("\n")));
            lines.add("END:VEVENT");
        }
        lines.add("END:VCALENDAR");
        return String.join("\r\n", lines) + "\r\n";
    }

    private String refusal(String feed) {
        return assertThrows(FeedOverLimitException.class, () -> parser.parse(feed, ZoneOffset.UTC, FROM, TO)).getMessage();
    }

    @Test
    void a_rule_by_the_second_stops_at_the_events_limit() {
        String feed = calendar("UID:b\nDTSTAMP:20260101T000000Z\nDTSTART:20261120T000000Z\nRRULE:FREQ=SECONDLY\nSUMMARY:x");
        assertTrue(feed.length() < 200, "a feed of " + feed.length() + " bytes");

        assertEquals("an event repeats more than 1000 times in the sync window (limit sync.max_instances_per_event);"
                + " the feed was not stored", refusal(feed));
    }

    @Test
    void many_events_under_the_event_limit_stop_at_the_feeds_limit() {
        String[] hourly = new String[20];
        for (int i = 0; i < hourly.length; i++) {
            hourly[i] = "UID:h" + i + "\nDTSTAMP:20260101T000000Z\nDTSTART:20261120T0" + (i % 10) + "0000Z\nRRULE:FREQ=HOURLY\nSUMMARY:x";
        }

        assertEquals("the feed has more than 10000 occurrences in the sync window (limit sync.max_instances_per_feed);"
                + " the feed was not stored", refusal(calendar(hourly)));
    }

    @Test
    void a_yearly_rule_with_every_hour_minute_and_second_is_refused_before_ical4j_lists_its_31_million_candidates() {
        String feed = calendar("UID:y\nDTSTAMP:20260101T000000Z\nDTSTART:20261120T000000Z\n"
                + "RRULE:FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYDAY=MO,TU,WE,TH,FR,SA,SU;"
                + "BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;"
                + "BYMINUTE=0,5,10,15,20,25,30,35,40,45,50,55;BYSECOND=0,10,20,30,40,50\nSUMMARY:x");

        assertTrue(refusal(feed).startsWith("a recurrence rule asks for more than 5000 times per period"));
    }

    @Test
    void a_rule_by_the_second_from_1900_is_refused_instead_of_looping_forever_in_ical4j() {
        String feed = calendar("UID:old\nDTSTAMP:20260101T000000Z\nDTSTART:19000101T000000Z\nRRULE:FREQ=SECONDLY;INTERVAL=7\nSUMMARY:x");

        assertTrue(refusal(feed).startsWith("a recurrence rule starts too long before the sync window"));
    }

    @Test
    void a_counted_rule_that_must_walk_from_far_back_stops_at_the_step_limit() {
        String feed = calendar("UID:count\nDTSTAMP:20260101T000000Z\nDTSTART:20200101T000000Z\n"
                + "RRULE:FREQ=SECONDLY;COUNT=2000000000\nSUMMARY:x");

        assertTrue(refusal(feed).startsWith("a recurrence rule needs more than 201000 steps"));
    }

    @Test
    void thousands_of_rdates_count_like_occurrences() {
        StringBuilder dates = new StringBuilder("RDATE:");
        for (int minute = 0; minute < 1_500; minute++) {
            dates.append(minute == 0 ? "" : ",").append(Instant.parse("2026-11-21T00:00:00Z").plusSeconds(60L * minute)
                    .toString().replace("-", "").replace(":", ""));
        }
        String feed = calendar("UID:r\nDTSTAMP:20260101T000000Z\nDTSTART:20261120T000000Z\n" + dates + "\nSUMMARY:x");

        assertTrue(refusal(feed).startsWith("an event repeats more than 1000 times"));
    }

    @Test
    void the_bounded_expansion_gives_what_ical4j_gives_for_real_feeds() throws Exception {
        Period<ZonedDateTime> window = new Period<>(FROM.atZone(ZoneOffset.UTC), TO.atZone(ZoneOffset.UTC));
        int compared = 0;
        for (String name : List.of("work.ics", "personal.ics")) {
            String text;
            try (var in = RecurrenceBombTest.class.getResourceAsStream("/feeds/" + name)) {
                text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            Calendar calendar = new CalendarBuilder().build(new java.io.StringReader(text));
            for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
                BoundedRecurrence bounded = new BoundedRecurrence(new ExpansionBudget(1_000, 10_000), ZoneId.of("Europe/Paris"));
                assertEquals(event.<Temporal>calculateRecurrenceSet(window), bounded.<Temporal>occurrences(event, window),
                        name + " " + event.getUid().map(u -> u.getValue()).orElse("?"));
                compared++;
            }
        }
        assertTrue(compared >= 8, compared + " events compared");
    }

    @Test
    void an_ordinary_daily_rule_with_exclusions_is_expanded_as_ical4j_would() {
        String feed = calendar("UID:d\nDTSTAMP:20260101T000000Z\nDTSTART:20261101T090000Z\nDTEND:20261101T093000Z\n"
                + "RRULE:FREQ=DAILY;COUNT=40\nEXDATE:20261125T090000Z\nSUMMARY:daily");

        var occurrences = parser.parse(feed, ZoneOffset.UTC, FROM, TO);

        assertEquals(20, occurrences.size(), "20 November to 10 December, without the 25th (the 19th ended before the window)");
    }
}
