package io.celeriac.core.routing;

/** What a queue name may be: it becomes a Redis list name and a line in the delayed set's members. */
public final class QueueNames {
    private QueueNames() {
    }

    public static String validate(String queue) {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("a queue name must not be blank");
        }
        for (char c : queue.toCharArray()) {
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("queue name '" + queue.strip() + "' contains whitespace or a control character");
            }
        }
        return queue;
    }
}
