package io.celeriac.core.message;

/**
 * What a worker accepts from the wire. Each breach dead-letters the message with a reason naming
 * the limit, so an operator knows which setting to raise.
 *
 * @param maxMessageBytes   the largest envelope, in bytes ({@code max_message_size}); checked before
 *                          anything is parsed, and by the fetch script before a message leaves Redis
 * @param maxNestingDepth   the deepest JSON nesting of an envelope or body ({@code max_nesting_depth}):
 *                          deeper trees would overflow the stack of whoever walks them
 * @param maxTaskNameLength the longest task name ({@code max_task_name_length}); names are logged,
 *                          tagged in metrics and stored in results
 */
public record MessageLimits(int maxMessageBytes, int maxNestingDepth, int maxTaskNameLength) {
    /** 4 MiB: far above any task message Celery users send (arguments belong in storage, ids on the wire). */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;
    public static final int DEFAULT_MAX_TASK_NAME_LENGTH = 256;
    /** The most a limit may be raised to: Redis's own bulk limit is 512 MB, a JVM heap far less. */
    public static final int CEILING_MESSAGE_BYTES = 256 * 1024 * 1024;

    public MessageLimits {
        if (maxMessageBytes < 1024 || maxMessageBytes > CEILING_MESSAGE_BYTES) {
            throw new IllegalArgumentException("max_message_size must be between 1 KiB and 256 MiB, got " + maxMessageBytes + " bytes");
        }
        if (maxNestingDepth < 8 || maxNestingDepth > 1000) {
            throw new IllegalArgumentException("max_nesting_depth must be between 8 and 1000, got " + maxNestingDepth);
        }
        if (maxTaskNameLength < 16 || maxTaskNameLength > 4096) {
            throw new IllegalArgumentException("max_task_name_length must be between 16 and 4096, got " + maxTaskNameLength);
        }
    }

    public static MessageLimits defaults() {
        return new MessageLimits(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_TASK_NAME_LENGTH);
    }

    /** Null when {@code task} is an acceptable task name, else why not. */
    public String taskNameProblem(String task) {
        if (task.length() > maxTaskNameLength) {
            return "headers.task is " + task.length() + " characters, over the limit of " + maxTaskNameLength + " (max_task_name_length)";
        }
        for (int i = 0; i < task.length(); i++) {
            char c = task.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT) {
                return "headers.task holds a control, whitespace or format character at position " + i;
            }
        }
        return null;
    }
}
