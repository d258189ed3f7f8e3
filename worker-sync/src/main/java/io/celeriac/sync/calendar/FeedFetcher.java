package io.celeriac.sync.calendar;

/** Reads a calendar feed over HTTP. */
public interface FeedFetcher {

    /**
     * A GET of {@code url}, conditional when {@code etag} or {@code lastModified} is given.
     *
     * @throws io.celeriac.sync.SyncException subclasses by what failed (429, 401, timeout, ...)
     */
    FeedResponse fetch(String url, String etag, String lastModified);
}
