/** ical4j adapter: iCalendar documents to occurrences in a window (time zones, recurrence, exceptions). */
package io.celeriac.sync.ical;
