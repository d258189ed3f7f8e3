package io.celeriac.core.task;

import io.celeriac.core.message.TaskState;

/** The rules for a state a running task names itself ({@link TaskContext#updateState}). */
public final class TaskStates {
    /** Long enough for any descriptive name, short enough to keep out pasted payloads. */
    public static final int MAX_NAME_LENGTH = 64;

    private TaskStates() {
    }

    /** {@code state} when a running task may record it, else IllegalArgumentException saying why. */
    public static String checkInterim(String state) {
        if (state == null || state.isBlank()) {
            throw new IllegalArgumentException("a task state needs a name (PROGRESS, say)");
        }
        if (state.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a task state name is at most " + MAX_NAME_LENGTH + " characters, got " + state.length());
        }
        if (state.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a task state name holds no control characters");
        }
        TaskState known = TaskState.named(state);
        if (known != null && known.isReady()) {
            throw new IllegalArgumentException(state + " is how a task ends (return or throw), not a state it records while running");
        }
        return state;
    }
}
