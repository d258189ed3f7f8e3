package io.celeriac.core.broker;

/**
 * A list a worker consumes and where what it takes from it waits until acked.
 *
 * @param queue    the queue's name
 * @param list     the list (the queue or one of its priority buckets), as the broker names it
 * @param inflight the worker's in-flight list for {@code list}
 */
public record Source(String queue, String list, String inflight) {
}
