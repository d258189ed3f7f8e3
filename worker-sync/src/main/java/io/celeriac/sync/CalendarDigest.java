package io.celeriac.sync;

import io.celeriac.core.digest.DigestContributor;
import io.celeriac.core.digest.DigestSection;
import io.celeriac.core.task.ModuleContext;
import io.celeriac.db.Database;
import io.celeriac.sync.calendar.AgendaItem;
import io.celeriac.sync.db.CalendarStore;
import io.celeriac.sync.db.SourceStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily summary's calendar part: the day's events in the user's zone, conflicts marked, and
 * any source that needs the user to act (a revoked token, a feed that moved).
 */
public final class CalendarDigest implements DigestContributor {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    @Override
    public List<DigestSection> sections(long userId, LocalDate day, ZoneId zone, ModuleContext context) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<DigestSection> sections = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (AgendaItem item : new CalendarStore(Database.of(context)).agenda(userId, from, to)) {
            String when = item.allDay() ? "all day" : TIME.format(item.start().atZone(zone)) + "-" + TIME.format(item.end().atZone(zone));
            String title = item.summary().isBlank() ? "(no title)" : item.summary();
            lines.add(when + "  " + title + (item.conflict() ? "  [conflicts with another event]" : ""));
        }
        if (!lines.isEmpty()) {
            sections.add(new DigestSection("Today's calendar events", 20, lines));
        }
        List<String> attention = new SourceStore(Database.of(context)).needingAttention(userId).stream()
                .map(name -> name + ": access was refused; reconnect it to resume syncing").toList();
        if (!attention.isEmpty()) {
            sections.add(new DigestSection("Sync sources needing attention", 90, attention));
        }
        return sections;
    }
}
