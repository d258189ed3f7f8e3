package io.celeriac.core.admin;

import io.celeriac.core.broker.DeadLetterEntry;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which dead letters a command is about. Empty criteria match everything.
 *
 * @param queue   exact queue name, or null
 * @param task    task name, exact or a glob ({@code *} any run, {@code ?} one character), or null
 * @param taskIds task ids, or empty
 */
public record DeadLetterFilter(String queue, String task, List<String> taskIds) {
    public DeadLetterFilter {
        taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
    }

    public static DeadLetterFilter all() {
        return new DeadLetterFilter(null, null, List.of());
    }

    public boolean matches(DeadLetterEntry entry) {
        return (queue == null || queue.equals(entry.queue()))
                && (task == null || (entry.task() != null && glob(task).matcher(entry.task()).matches()))
                && (taskIds.isEmpty() || taskIds.contains(entry.taskId()));
    }

    public boolean isEmpty() {
        return queue == null && task == null && taskIds.isEmpty();
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
