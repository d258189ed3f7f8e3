package io.celeriac.sync.notion;

import java.time.Instant;

/**
 * A Notion page as stored.
 *
 * @param parentType {@code database_id}, {@code page_id}, {@code workspace}, ... as Notion names it
 * @param parentId   null for a workspace-level page
 */
public record NotionPage(String id, String title, String url, String parentType, String parentId, boolean archived,
                         Instant lastEdited) {
}
