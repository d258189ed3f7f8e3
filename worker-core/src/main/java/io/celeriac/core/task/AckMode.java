package io.celeriac.core.task;

/** When a message leaves the worker's in-flight list. */
public enum AckMode {
    /** After the task finished (at-least-once: a crash mid-task runs it again). The default. */
    LATE,
    /** When the task starts (at-most-once: a crash mid-task loses it). For tasks unsafe to repeat. */
    EARLY
}
