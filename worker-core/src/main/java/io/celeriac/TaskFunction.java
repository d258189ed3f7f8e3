package io.celeriac;

/**
 * The body of a typed task: its argument in, its result out. Throwing fails the attempt; the
 * task's retry policy decides what follows (programming errors such as NullPointerException fail
 * at once; {@code throw context.retry(...)} asks for another run).
 */
@FunctionalInterface
public interface TaskFunction<A, R> {
    R apply(A argument, TaskContext context) throws Exception;
}
