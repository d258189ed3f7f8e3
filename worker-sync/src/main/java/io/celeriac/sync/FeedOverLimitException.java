package io.celeriac.sync;

/**
 * A feed expands to more occurrences in the window than the limits allow (an RRULE by the second,
 * thousands of events): nothing of it is stored, the source needs attention, the other feeds sync.
 * The message names the limit and its setting, never the event's text.
 */
public final class FeedOverLimitException extends SyncException {
    public FeedOverLimitException(String message) {
        super(message);
    }
}
