package io.celeriac.sync.db;

import io.celeriac.db.Database;
import io.celeriac.sync.Changes;
import io.celeriac.sync.notion.NotionPage;
import io.celeriac.sync.notion.NotionSource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** A Notion source's pages and its incremental cursor. */
public final class NotionStore {
    private static final String UPSERT = """
            INSERT INTO sync_notion_pages AS p (source_id, page_id, user_id, title, url, parent_type, parent_id,
                                                archived, last_edited_at, updated_at)
            VALUES (:source, :page, :user, :title, :url, :parentType, :parentId, :archived, :edited, :now)
            ON CONFLICT (source_id, page_id) DO UPDATE
               SET title = EXCLUDED.title, url = EXCLUDED.url, parent_type = EXCLUDED.parent_type,
                   parent_id = EXCLUDED.parent_id, archived = EXCLUDED.archived,
                   last_edited_at = EXCLUDED.last_edited_at, updated_at = EXCLUDED.updated_at
             WHERE (p.title, p.url, p.parent_type, p.parent_id, p.archived, p.last_edited_at)
                   IS DISTINCT FROM
                   (EXCLUDED.title, EXCLUDED.url, EXCLUDED.parent_type, EXCLUDED.parent_id, EXCLUDED.archived,
                    EXCLUDED.last_edited_at)
            RETURNING (xmax = 0) AS inserted""";

    private final Jdbi jdbi;

    public NotionStore(Database database) {
        this.jdbi = database.jdbi();
    }

    /** Upserts one page of search results; rows that did not change are not written. */
    public Changes upsert(NotionSource source, List<NotionPage> pages, Instant now) {
        return jdbi.inTransaction(h -> {
            int created = 0;
            int updated = 0;
            for (NotionPage page : pages) {
                Boolean inserted = h.createQuery(UPSERT)
                        .bind("source", source.id()).bind("page", page.id()).bind("user", source.userId())
                        .bind("title", page.title()).bind("url", page.url())
                        .bind("parentType", page.parentType()).bind("parentId", page.parentId())
                        .bind("archived", page.archived())
                        .bind("edited", page.lastEdited().atOffset(ZoneOffset.UTC))
                        .bind("now", now.atOffset(ZoneOffset.UTC))
                        .mapTo(Boolean.class).findOne().orElse(null);
                if (inserted != null) {
                    created += inserted ? 1 : 0;
                    updated += inserted ? 0 : 1;
                }
            }
            return new Changes(created, updated, 0);
        });
    }

    /** Ends a complete sync: later syncs read only pages edited at or after {@code cursor}. */
    public void finish(NotionSource source, Instant cursor, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE sync_notion_sources SET cursor = :cursor, last_synced_at = :now, last_error = NULL
                         WHERE id = :id""")
                .bind("cursor", cursor == null ? null : cursor.atOffset(ZoneOffset.UTC))
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("id", source.id())
                .execute());
    }
}
