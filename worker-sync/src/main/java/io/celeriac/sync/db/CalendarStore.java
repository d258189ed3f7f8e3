package io.celeriac.sync.db;

import io.celeriac.db.Database;
import io.celeriac.sync.Changes;
import io.celeriac.sync.calendar.AgendaItem;
import io.celeriac.sync.calendar.CalendarEvent;
import io.celeriac.sync.calendar.CalendarSource;
import io.celeriac.sync.calendar.FeedResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A source's events, mirrored from its feed. An upsert touches a row only when something in it
 * changed ({@code IS DISTINCT FROM}), so re-reading an unchanged feed writes nothing and reports
 * zeros; {@code xmax = 0} in RETURNING tells an insert from an update.
 */
public final class CalendarStore {
    /**
     * One statement upserts a chunk of occurrences from parallel arrays: a feed of 10,000
     * occurrences is ten round trips, not ten thousand.
     */
    private static final String UPSERT = """
            INSERT INTO sync_calendar_events AS e (source_id, user_id, uid, recurrence_id, summary, location,
                                                   starts_at, ends_at, all_day, busy, created_at, updated_at)
            SELECT :source, :user, k.uid, k.rid, k.summary, k.location, k.starts_at, k.ends_at, k.all_day, k.busy, :now, :now
              FROM unnest(CAST(:uids AS TEXT[]), CAST(:rids AS TEXT[]), CAST(:summaries AS TEXT[]),
                          CAST(:locations AS TEXT[]), CAST(CAST(:starts AS TEXT[]) AS TIMESTAMPTZ[]),
                          CAST(CAST(:ends AS TEXT[]) AS TIMESTAMPTZ[]), CAST(:allDays AS BOOLEAN[]),
                          CAST(:busies AS BOOLEAN[]))
                   AS k(uid, rid, summary, location, starts_at, ends_at, all_day, busy)
            ON CONFLICT (source_id, uid, recurrence_id) DO UPDATE
               SET summary = EXCLUDED.summary, location = EXCLUDED.location, starts_at = EXCLUDED.starts_at,
                   ends_at = EXCLUDED.ends_at, all_day = EXCLUDED.all_day, busy = EXCLUDED.busy,
                   updated_at = EXCLUDED.updated_at
             WHERE (e.summary, e.location, e.starts_at, e.ends_at, e.all_day, e.busy)
                   IS DISTINCT FROM
                   (EXCLUDED.summary, EXCLUDED.location, EXCLUDED.starts_at, EXCLUDED.ends_at, EXCLUDED.all_day, EXCLUDED.busy)
            RETURNING (xmax = 0) AS inserted""";
    private static final int CHUNK = 1_000;

    private final Jdbi jdbi;

    public CalendarStore(Database database) {
        this.jdbi = database.jdbi();
    }

    /**
     * Makes {@code source}'s stored events exactly {@code events}, and remembers the feed's
     * validators, in one transaction: a crash leaves the old events and the old validators, so the
     * next run fetches the full feed again.
     */
    public Changes replace(CalendarSource source, List<CalendarEvent> events, FeedResponse.Fetched feed, Instant now) {
        Map<String, CalendarEvent> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.put(e.key(), e)); // a feed repeating an event: the last copy wins
        List<CalendarEvent> rows = List.copyOf(unique.values());
        return jdbi.inTransaction(h -> {
            int created = 0;
            int updated = 0;
            for (int from = 0; from < rows.size(); from += CHUNK) {
                for (boolean inserted : upsert(h, source, rows.subList(from, Math.min(rows.size(), from + CHUNK)), now)) {
                    created += inserted ? 1 : 0;
                    updated += inserted ? 0 : 1;
                }
            }
            int deleted = deleteOthers(h, source.id(), unique.values());
            h.createUpdate("""
                    UPDATE sync_calendar_sources
                       SET etag = :etag, last_modified = :lastModified, expanded_at = :now, last_synced_at = :now,
                           last_error = NULL
                     WHERE id = :id""")
                    .bind("etag", feed.etag()).bind("lastModified", feed.lastModified())
                    .bind("now", now.atOffset(ZoneOffset.UTC)).bind("id", source.id())
                    .execute();
            return new Changes(created, updated, deleted);
        });
    }

    /** Upserts {@code chunk}; one boolean per row written (true: inserted), none for rows left as they were. */
    private static List<Boolean> upsert(Handle h, CalendarSource source, List<CalendarEvent> chunk, Instant now) {
        int n = chunk.size();
        List<String> uids = new ArrayList<>(n);
        List<String> rids = new ArrayList<>(n);
        List<String> summaries = new ArrayList<>(n);
        List<String> locations = new ArrayList<>(n);
        List<String> starts = new ArrayList<>(n);
        List<String> ends = new ArrayList<>(n);
        List<Boolean> allDays = new ArrayList<>(n);
        List<Boolean> busies = new ArrayList<>(n);
        for (CalendarEvent event : chunk) {
            uids.add(event.uid());
            rids.add(event.recurrenceId());
            summaries.add(event.summary());
            locations.add(event.location());
            starts.add(event.start().toString());
            ends.add(event.end().toString());
            allDays.add(event.allDay());
            busies.add(event.busy());
        }
        return h.createQuery(UPSERT)
                .bind("source", source.id()).bind("user", source.userId()).bind("now", now.atOffset(ZoneOffset.UTC))
                .bindArray("uids", String.class, uids).bindArray("rids", String.class, rids)
                .bindArray("summaries", String.class, summaries).bindArray("locations", String.class, locations)
                .bindArray("starts", String.class, starts).bindArray("ends", String.class, ends)
                .bindArray("allDays", Boolean.class, allDays).bindArray("busies", Boolean.class, busies)
                .mapTo(Boolean.class).list();
    }

    private static int deleteOthers(Handle h, long sourceId, Collection<CalendarEvent> kept) {
        List<String> uids = new ArrayList<>(kept.size());
        List<String> rids = new ArrayList<>(kept.size());
        kept.forEach(e -> {
            uids.add(e.uid());
            rids.add(e.recurrenceId());
        });
        return h.createUpdate("""
                DELETE FROM sync_calendar_events e
                 WHERE e.source_id = :source
                   AND NOT EXISTS (SELECT 1 FROM unnest(CAST(:uids AS TEXT[]), CAST(:rids AS TEXT[])) AS k(uid, rid)
                                    WHERE k.uid = e.uid AND k.rid = e.recurrence_id)""")
                .bind("source", sourceId)
                .bindArray("uids", String.class, uids)
                .bindArray("rids", String.class, rids)
                .execute();
    }

    /**
     * Flags every busy, timed event of {@code users} that overlaps another of the same user (the
     * same UID in two feeds is one meeting, not a conflict); writes only flags that change.
     * Returns how many events are flagged now.
     */
    public int flagConflicts(Collection<Long> users) {
        if (users.isEmpty()) {
            return 0;
        }
        List<Long> ids = List.copyOf(users);
        return jdbi.inTransaction(h -> {
            h.createUpdate("""
                    UPDATE sync_calendar_events e SET conflict = c.overlaps
                      FROM (SELECT e1.id,
                                   e1.busy AND NOT e1.all_day AND EXISTS (
                                       SELECT 1 FROM sync_calendar_events o
                                        WHERE o.user_id = e1.user_id AND o.id <> e1.id AND o.uid <> e1.uid
                                          AND o.busy AND NOT o.all_day
                                          AND o.starts_at < e1.ends_at AND e1.starts_at < o.ends_at) AS overlaps
                              FROM sync_calendar_events e1
                             WHERE e1.user_id = ANY(CAST(:users AS BIGINT[]))) c
                     WHERE e.id = c.id AND e.conflict IS DISTINCT FROM c.overlaps""")
                    .bindArray("users", Long.class, ids)
                    .execute();
            return h.createQuery("""
                    SELECT count(*) FROM sync_calendar_events
                     WHERE user_id = ANY(CAST(:users AS BIGINT[])) AND conflict""")
                    .bindArray("users", Long.class, ids)
                    .mapTo(Integer.class).one();
        });
    }

    /** A user's occurrences overlapping [{@code from}, {@code to}), earliest first. */
    public List<AgendaItem> agenda(long userId, Instant from, Instant to) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT summary, starts_at, ends_at, all_day, conflict FROM sync_calendar_events
                         WHERE user_id = :user AND starts_at < :to AND (ends_at > :from OR starts_at >= :from)
                         ORDER BY all_day DESC, starts_at, summary""")
                .bind("user", userId)
                .bind("from", from.atOffset(ZoneOffset.UTC)).bind("to", to.atOffset(ZoneOffset.UTC))
                .map((rs, ctx) -> new AgendaItem(rs.getString("summary"), SourceStore.instant(rs, "starts_at"),
                        SourceStore.instant(rs, "ends_at"), rs.getBoolean("all_day"), rs.getBoolean("conflict")))
                .list());
    }
}
