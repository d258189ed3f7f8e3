package io.celeriac.exporter;

import io.celeriac.core.message.CeleryTime;
import java.time.DateTimeException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How long the oldest message of a queue list has waited, from the best evidence there is.
 * Celery's protocol v2 carries no send time, so:
 * <ol>
 *   <li>a message with an {@code eta} has waited since it became due (0 while it is not);</li>
 *   <li>a message a Celeriac client sent carries {@code celeriac_sent}: it has waited since then;</li>
 *   <li>any other (a Python client's) has waited at least since this exporter first saw it at the
 *       head of its list: a lower bound, which starts again from zero when the exporter restarts.</li>
 * </ol>
 */
final class OldestWaiting {
    private record Seen(String fingerprint, long sinceMs) {
    }

    private final Map<String, Seen> heads = new HashMap<>();

    /** The age (ms) of {@code list}'s oldest message at {@code nowMs}; 0 when the list is empty. */
    long age(String list, QueueHead head, long nowMs) {
        if (head.length() == 0 || head.fingerprint() == null) {
            heads.remove(list);
            return 0;
        }
        Seen seen = heads.get(list);
        if (seen == null || !seen.fingerprint().equals(head.fingerprint())) {
            seen = new Seen(head.fingerprint(), nowMs);
            heads.put(list, seen);
        }
        long due = etaMillis(head.eta());
        if (due != Long.MIN_VALUE) {
            return Math.max(0, nowMs - due);
        }
        if (head.sentMs() > 0) {
            return Math.max(0, nowMs - head.sentMs());
        }
        return nowMs - seen.sinceMs();
    }

    /** Forgets the lists not read this pass (queues gone or folded away). */
    void retain(Set<String> lists) {
        heads.keySet().retainAll(lists);
    }

    private static long etaMillis(String eta) {
        if (eta == null || eta.isEmpty()) {
            return Long.MIN_VALUE;
        }
        try {
            return CeleryTime.parse(eta).toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            // a header no calendar holds: the worker dead-letters such a message; until then, no evidence
            return Long.MIN_VALUE;
        }
    }
}
