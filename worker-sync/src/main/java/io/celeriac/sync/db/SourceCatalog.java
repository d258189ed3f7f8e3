package io.celeriac.sync.db;

import io.celeriac.db.Database;
import io.celeriac.sync.SourceKind;
import io.celeriac.sync.SourceSummary;
import io.celeriac.sync.secret.StoredToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Sources as operators manage them: add (a second add of the same feed or token is reported, not
 * duplicated), list with what each holds, remove (events and pages go with it, by cascade).
 */
public final class SourceCatalog {
    /** Both kinds in one shape; the filters are optional (null = all). */
    private static final String LIST = """
            SELECT * FROM (
                SELECT 'calendar' AS kind, s.id, s.user_id, s.name, s.url AS address, CAST(NULL AS BOOLEAN) AS encrypted,
                       s.status, s.last_error, s.last_synced_at, s.created_at,
                       (SELECT count(*) FROM sync_calendar_events e WHERE e.source_id = s.id) AS items
                  FROM sync_calendar_sources s
                UNION ALL
                SELECT 'notion', s.id, s.user_id, s.name, s.token_hint, s.token LIKE 'v1:%',
                       s.status, s.last_error, s.last_synced_at, s.created_at,
                       (SELECT count(*) FROM sync_notion_pages p WHERE p.source_id = s.id)
                  FROM sync_notion_sources s) x
             WHERE (CAST(:user AS BIGINT) IS NULL OR user_id = :user)
               AND (CAST(:kind AS TEXT) IS NULL OR kind = :kind)
               AND (CAST(:id AS BIGINT) IS NULL OR id = :id)
             ORDER BY user_id, kind, id""";

    private final Jdbi jdbi;

    public SourceCatalog(Database database) {
        this.jdbi = database.jdbi();
    }

    /** @param created false when the user already had this source (then {@code id} is that one) */
    public record Added(long id, boolean created) {
    }

    public boolean userExists(long userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM users WHERE id = :id)")
                .bind("id", userId).mapTo(Boolean.class).one());
    }

    public Added addCalendar(long userId, String name, String url) {
        return jdbi.inTransaction(h -> h.createQuery("""
                        INSERT INTO sync_calendar_sources (user_id, name, url) VALUES (:user, :name, :url)
                        ON CONFLICT (user_id, url) DO NOTHING RETURNING id""")
                .bind("user", userId).bind("name", name).bind("url", url)
                .mapTo(Long.class).findOne()
                .map(id -> new Added(id, true))
                .orElseGet(() -> new Added(h.createQuery(
                                "SELECT id FROM sync_calendar_sources WHERE user_id = :user AND url = :url")
                        .bind("user", userId).bind("url", url).mapTo(Long.class).one(), false)));
    }

    public Added addNotion(long userId, String name, StoredToken token) {
        return jdbi.inTransaction(h -> h.createQuery("""
                        INSERT INTO sync_notion_sources (user_id, name, token, token_fingerprint, token_hint)
                        VALUES (:user, :name, :token, :fingerprint, :hint)
                        ON CONFLICT (user_id, token_fingerprint) DO NOTHING RETURNING id""")
                .bind("user", userId).bind("name", name).bind("token", token.value())
                .bind("fingerprint", token.fingerprint()).bind("hint", token.hint())
                .mapTo(Long.class).findOne()
                .map(id -> new Added(id, true))
                .orElseGet(() -> new Added(h.createQuery(
                                "SELECT id FROM sync_notion_sources WHERE user_id = :user AND token_fingerprint = :fingerprint")
                        .bind("user", userId).bind("fingerprint", token.fingerprint()).mapTo(Long.class).one(), false)));
    }

    /** Every source of one user, or (null) of everybody, by user, kind and id. */
    public List<SourceSummary> list(Long userId) {
        return query(userId, null, null);
    }

    public Optional<SourceSummary> find(SourceKind kind, long id) {
        return query(null, kind, id).stream().findFirst();
    }

    /** Deletes the source and, by cascade, everything synced from it; false when there was none. */
    public boolean remove(SourceKind kind, long id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM " + kind.table() + " WHERE id = :id")
                .bind("id", id).execute()) > 0;
    }

    private List<SourceSummary> query(Long userId, SourceKind kind, Long id) {
        return jdbi.withHandle(h -> h.createQuery(LIST)
                .bind("user", userId).bind("kind", kind == null ? null : kind.label()).bind("id", id)
                .map((rs, ctx) -> summary(rs))
                .list());
    }

    private static SourceSummary summary(ResultSet rs) throws SQLException {
        return new SourceSummary(SourceKind.parse(rs.getString("kind")), rs.getLong("id"), rs.getLong("user_id"),
                rs.getString("name"), rs.getString("address"), rs.getObject("encrypted", Boolean.class),
                rs.getString("status"), rs.getString("last_error"), SourceStore.instant(rs, "last_synced_at"),
                SourceStore.instant(rs, "created_at"), rs.getLong("items"));
    }
}
