package io.celeriac.core.task;

import java.util.Objects;

/** A registered task: its Celery name, its handler and its options. */
public record TaskDefinition(String name, TaskHandler handler, TaskOptions options) {
    public TaskDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a task name must not be blank");
        }
    }
}
