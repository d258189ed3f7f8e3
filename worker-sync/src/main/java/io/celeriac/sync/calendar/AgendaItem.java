package io.celeriac.sync.calendar;

import java.time.Instant;

/** A stored occurrence as the daily summary shows it. */
public record AgendaItem(String summary, Instant start, Instant end, boolean allDay, boolean conflict) {
}
