package io.celeriac;

import io.celeriac.core.message.PythonException;
import java.util.Objects;

/**
 * A task failure stored under a Python exception class, so a Python client's {@code except} catches
 * the real thing: {@code throw TaskError.of("builtins", "ValueError", "no such user")} fails the task
 * as Python's {@code raise ValueError("no such user")} would. Any other exception is stored under
 * its Java class name, which Python rebuilds as a look-alike class of that name.
 */
public final class TaskError extends RuntimeException implements PythonException {
    private final String module;
    private final String type;

    private TaskError(String module, String type, String message) {
        super(message);
        this.module = module;
        this.type = type;
    }

    /** Fails with {@code module.type(message)}, e.g. {@code ("builtins", "ValueError", "...")}. */
    public static TaskError of(String module, String type, String message) {
        return new TaskError(Objects.requireNonNull(module, "module"), Objects.requireNonNull(type, "type"), message);
    }

    @Override
    public String pythonType() {
        return type;
    }

    @Override
    public String pythonModule() {
        return module;
    }
}
