package io.celeriac.core.broker;

/**
 * A message a worker took: it sits in {@code inflightList} until acked, put back, or recovered
 * after the worker dies.
 *
 * @param queue        the queue name
 * @param sourceList   the list it was popped from (the queue or one of its priority buckets)
 * @param inflightList the worker's in-flight list for that source
 * @param raw          the message exactly as stored (the ack removes it by value)
 */
public record Delivery(String queue, String sourceList, String inflightList, String raw) {
}
