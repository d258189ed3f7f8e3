package io.celeriac.sync.calendar;

/** What a conditional GET of a feed returned. */
public sealed interface FeedResponse {

    /** 304: unchanged since the validators we sent. */
    record NotModified() implements FeedResponse {
    }

    /** 200: the document and the validators to send next time (each may be null). */
    record Fetched(String body, String etag, String lastModified) implements FeedResponse {
    }
}
