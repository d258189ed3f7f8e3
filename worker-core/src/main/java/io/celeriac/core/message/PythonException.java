package io.celeriac.core.message;

/**
 * An exception that has a Python counterpart: stored under that type and module, so a Python
 * client's {@code except TypeError} (or {@code except celery.exceptions.X}) catches the real class
 * instead of a look-alike Celery builds from a Java name.
 */
public interface PythonException {
    /** The Python class name, e.g. {@code TypeError}. */
    String pythonType();

    /** Its module, e.g. {@code builtins} or {@code celery.exceptions}. */
    String pythonModule();
}
