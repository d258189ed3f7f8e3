package io.celeriac.exporter;

/**
 * One queue as read in one pass (or several folded into {@code other}).
 *
 * @param waiting            ready messages over its priority buckets
 * @param oldestWaitingMs    how long the longest-waiting message has waited (ms), 0 when none
 *                           waits, -1 when nothing could be known (see {@link OldestWaiting})
 * @param sincePickupMs      since a worker last took a message from it (ms), -1 when never recorded
 * @param consumers          live Celeriac workers consuming it
 * @param configured         whether the application's config lists it
 */
record QueueReading(String label, long waiting, long oldestWaitingMs, long sincePickupMs, int consumers, boolean configured) {

    /** Two readings under one label: sums of counts, the worst of the ages. */
    QueueReading merge(QueueReading other) {
        return new QueueReading(label, waiting + other.waiting, Math.max(oldestWaitingMs, other.oldestWaitingMs),
                worstPickup(sincePickupMs, other.sincePickupMs), consumers + other.consumers, configured || other.configured);
    }

    /** The staler pickup; a queue never picked up counts as known-never only when both are. */
    private static long worstPickup(long a, long b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.max(a, b);
    }
}
