package io.celeriac;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a plain object as a task, registered with
 * {@link CeleriacWorker.Builder#tasks(Object)} (or found as a Spring bean by the starter):
 *
 * <pre>{@code
 * class Reports {
 *     @CeleriacTask("reports.build")
 *     Report build(ReportRequest request, TaskContext context) { ... }
 * }
 * }</pre>
 *
 * <p>Its parameters are bound from the message by position and, for keyword arguments, by name (the
 * build must keep parameter names: {@code -parameters}); a {@link TaskContext} parameter is given
 * the running task's context. A call that does not fit (too many or too few arguments, an unknown
 * keyword, a value of the wrong type) fails at once, naming the parameter, like Python's
 * {@code TypeError}. The return value is the result.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CeleriacTask {
    /** The task's name, as senders (Java or Python) name it. */
    String value();

    /** Retries after the first attempt for transient errors. */
    int maxRetries() default 3;

    /** The hard time limit in seconds; 0 for none. */
    double timeLimitSeconds() default 0;

    /** Take the message out of flight when the task starts (at most once). */
    boolean ackEarly() default false;

    boolean ignoreResult() default false;

    boolean trackStarted() default false;

    /**
     * A fleet-wide rate limit in Celery's syntax ({@code "10/s"}, {@code "100/m"}, {@code "1000/h"},
     * as Python's {@code @app.task(rate_limit=...)}); empty for none. A malformed rate fails registration.
     */
    String rateLimit() default "";
}
