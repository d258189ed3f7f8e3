package io.celeriac.core.broker;

import java.nio.charset.StandardCharsets;

/**
 * A message a worker took: it sits in {@code inflightList} until acked, put back, or recovered
 * after the worker dies.
 *
 * @param queue        the queue name
 * @param sourceList   the list it was popped from (the queue or one of its priority buckets)
 * @param inflightList the worker's in-flight list for that source
 * @param raw          the message exactly as stored, as bytes: the ack removes it by value, and
 *                     keeping Redis's bytes spares a decode and a re-encode per message
 */
public record Delivery(String queue, String sourceList, String inflightList, byte[] raw) {

    public Delivery(String queue, String sourceList, String inflightList, String raw) {
        this(queue, sourceList, inflightList, raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The message as text (for dead letters and logs). */
    public String text() {
        return new String(raw, StandardCharsets.UTF_8);
    }
}
