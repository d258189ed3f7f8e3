package io.celeriac.core.routing;

import io.celeriac.core.internal.LogSafe;

/**
 * What a queue name may be: it becomes a Redis list name, a line in the delayed set's members and a
 * metrics tag, so it has no whitespace or control characters and a bounded length.
 */
public final class QueueNames {
    /** Longer names are mistakes or attacks; Celery's own are short words. */
    public static final int MAX_LENGTH = 200;

    private QueueNames() {
    }

    public static String validate(String queue) {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("a queue name must not be blank");
        }
        if (queue.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("queue name '" + LogSafe.of(queue, 40) + "' is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < queue.length(); i++) {
            char c = queue.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                throw new IllegalArgumentException("queue name '" + LogSafe.of(queue.strip()) + "' contains whitespace or a control character");
            }
        }
        return queue;
    }
}
