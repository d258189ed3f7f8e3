package io.celeriac.core.task;

import io.celeriac.core.message.PythonException;

/**
 * A message whose arguments do not fit the task: too many, too few, an unknown keyword, a value of
 * the wrong type. Never retried (the same message never fits better), and stored as Python's
 * {@code TypeError}, which is what Celery raises for the same call.
 */
public final class TaskArgumentException extends IllegalArgumentException implements PythonException {
    public TaskArgumentException(String message) {
        super(message);
    }

    @Override
    public String pythonType() {
        return "TypeError";
    }

    @Override
    public String pythonModule() {
        return "builtins";
    }
}
