package io.celeriac.sync.calendar;

import java.time.Instant;

/**
 * One occurrence of a calendar event, as stored.
 *
 * @param recurrenceId '' for a single event; the occurrence's original start for a recurring one
 *                     (an instant, or a date for all-day events), the same value an exception's
 *                     RECURRENCE-ID carries
 * @param busy         false for TRANSP:TRANSPARENT events, which never conflict
 */
public record CalendarEvent(String uid, String recurrenceId, String summary, String location, Instant start,
                            Instant end, boolean allDay, boolean busy) {

    /** The key a source's events are upserted and deleted by. */
    public String key() {
        return uid + "\n" + recurrenceId;
    }
}
