package io.celeriac.core.broker;

import java.nio.charset.StandardCharsets;

/**
 * A message a worker took: it sits in {@code inflightList} until acked, put back, or recovered
 * after the worker dies.
 *
 * @param queue         the queue name
 * @param sourceList    the list it was popped from (the queue or one of its priority buckets)
 * @param inflightList  the worker's in-flight list for that source
 * @param raw           the message exactly as stored: the ack removes it by value, and keeping the
 *                      store's bytes spares a decode and a re-encode per message
 * @param refusedBytes  0 for a delivery to run; else the size of a message the broker refused to
 *                      hand over (over the size limit) and dead-lettered itself: {@code raw} is empty
 */
public record Delivery(String queue, String sourceList, String inflightList, byte[] raw, long refusedBytes) {

    public Delivery(String queue, String sourceList, String inflightList, byte[] raw) {
        this(queue, sourceList, inflightList, raw, 0);
    }

    public Delivery(String queue, String sourceList, String inflightList, String raw) {
        this(queue, sourceList, inflightList, raw.getBytes(StandardCharsets.UTF_8), 0);
    }

    /** A message the broker dead-lettered instead of handing it over. */
    public static Delivery refused(Source source, long bytes) {
        return new Delivery(source.queue(), source.list(), source.inflight(), new byte[0], bytes);
    }

    public boolean refused() {
        return refusedBytes > 0;
    }

    /** The message as text (invalid UTF-8 replaced: for display only). */
    public String text() {
        return new String(raw, StandardCharsets.UTF_8);
    }
}
