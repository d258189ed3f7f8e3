package io.celeriac.sync.db;

import io.celeriac.db.Database;
import io.celeriac.sync.SourceKind;
import io.celeriac.sync.calendar.CalendarSource;
import io.celeriac.sync.notion.NotionSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Users' sources and their sync state. A source marked {@code needs_attention} is skipped until
 * someone changes it ({@link #reactivate}); an error on an active source is only recorded.
 */
public final class SourceStore {
    private final Jdbi jdbi;

    public SourceStore(Database database) {
        this.jdbi = database.jdbi();
    }

    /** Active calendar sources, of one user or (null) of all, with each user's zone. */
    public List<CalendarSource> activeCalendarSources(Long userId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT s.id, s.user_id, s.url, s.etag, s.last_modified, s.expanded_at, u.time_zone
                        FROM sync_calendar_sources s JOIN users u ON u.id = s.user_id
                        WHERE s.status = 'active' AND (CAST(:user AS BIGINT) IS NULL OR s.user_id = :user)
                        ORDER BY s.id""")
                .bind("user", userId)
                .map((rs, ctx) -> new CalendarSource(rs.getLong("id"), rs.getLong("user_id"), rs.getString("url"),
                        rs.getString("etag"), rs.getString("last_modified"), zone(rs.getString("time_zone")),
                        instant(rs, "expanded_at")))
                .list());
    }

    /** Active Notion sources, of one user or (null) of all; tokens as stored (sealed or legacy plaintext). */
    public List<NotionSource> activeNotionSources(Long userId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, user_id, token, cursor FROM sync_notion_sources
                        WHERE status = 'active' AND (CAST(:user AS BIGINT) IS NULL OR user_id = :user)
                        ORDER BY id""")
                .bind("user", userId)
                .map((rs, ctx) -> new NotionSource(rs.getLong("id"), rs.getLong("user_id"), rs.getString("token"),
                        instant(rs, "cursor")))
                .list());
    }

    /**
     * Replaces a stored token (legacy plaintext, or sealed under a previous key) by its form under
     * the current key. Only if the row still holds that value: a concurrent run or an operator may
     * have changed it meanwhile.
     */
    public void sealToken(long id, String plaintext, String sealed) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE sync_notion_sources SET token = :sealed WHERE id = :id AND token = :plain")
                .bind("sealed", sealed).bind("id", id).bind("plain", plaintext)
                .execute());
    }

    /** Checked and unchanged (a 304): the source is healthy. */
    public void markChecked(SourceKind kind, long id, Instant now) {
        update(kind, "last_synced_at = :now, last_error = NULL", id, null, now);
    }

    /** Failed this time; stays active. {@code reason} must hold no secret (it is shown to operators). */
    public void markError(SourceKind kind, long id, String reason) {
        update(kind, "last_error = :reason", id, reason, null);
    }

    /** Refused: skipped by every sync until {@link #reactivate}. */
    public void markNeedsAttention(SourceKind kind, long id, String reason) {
        update(kind, "status = 'needs_attention', last_error = :reason", id, reason, null);
    }

    /** After the user fixed the source: sync it again, from scratch for a feed's validators. */
    public void reactivate(SourceKind kind, long id) {
        String reset = kind == SourceKind.CALENDAR ? ", etag = NULL, last_modified = NULL" : "";
        update(kind, "status = 'active', last_error = NULL" + reset, id, null, null);
    }

    /** Sources needing attention of a user, by name (or kind when unnamed), for the daily summary. */
    public List<String> needingAttention(long userId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT CASE WHEN name = '' THEN 'calendar feed #' || id ELSE name END FROM sync_calendar_sources
                        WHERE user_id = :user AND status = 'needs_attention'
                        UNION ALL
                        SELECT CASE WHEN name = '' THEN 'Notion integration #' || id ELSE name END FROM sync_notion_sources
                        WHERE user_id = :user AND status = 'needs_attention'""")
                .bind("user", userId).mapTo(String.class).list());
    }

    private void update(SourceKind kind, String set, long id, String reason, Instant now) {
        jdbi.useHandle(h -> {
            var update = h.createUpdate("UPDATE " + kind.table() + " SET " + set + " WHERE id = :id").bind("id", id);
            // Jdbi refuses bindings a statement does not use, so bind only what this SET names.
            if (set.contains(":reason")) {
                update.bind("reason", truncate(reason));
            }
            if (set.contains(":now")) {
                update.bind("now", now.atOffset(ZoneOffset.UTC));
            }
            update.execute();
        });
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static ZoneId zone(String name) {
        try {
            return ZoneId.of(name);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static String truncate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
    }
}
