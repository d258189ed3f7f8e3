package io.celeriac.sync.notion;

import java.util.List;

/**
 * One page of Notion's {@code POST /v1/search}, newest edit first.
 *
 * @param nextCursor the {@code start_cursor} of the next page, or null when {@code has_more} is false
 */
public record SearchResults(List<NotionPage> pages, String nextCursor) {
    public SearchResults {
        pages = List.copyOf(pages);
    }
}
