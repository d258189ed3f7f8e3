package io.celeriac.core.task;

/**
 * The body of a task. The return value is stored as the result (anything Jackson can write);
 * throwing fails the attempt, and the task's retry policy decides what follows. Call
 * {@link TaskContext#retry} to retry explicitly, throw {@link Reject} to fail without retrying.
 */
@FunctionalInterface
public interface TaskHandler {
    Object run(TaskContext context) throws Exception;
}
