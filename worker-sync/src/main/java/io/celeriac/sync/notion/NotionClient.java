package io.celeriac.sync.notion;

/** The part of Notion's REST API the sync uses. */
public interface NotionClient {

    /**
     * Pages shared with the integration, most recently edited first.
     *
     * @param startCursor null for the first page
     * @throws io.celeriac.sync.SyncException subclasses by what failed (429, 401, timeout, ...)
     */
    SearchResults search(String token, String startCursor);
}
