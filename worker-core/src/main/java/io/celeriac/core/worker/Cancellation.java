package io.celeriac.core.worker;

/**
 * Why a running task is being stopped. It is recorded before the runner is interrupted, so what the
 * task throws on its way out (an InterruptedException, an OkHttp InterruptedIOException, anything)
 * never decides the outcome: the reason does.
 */
enum Cancellation {
    /** {@code revoke --terminate}: the task ends REVOKED and is not retried. */
    TERMINATED,
    /**
     * The task's soft time limit: it may catch the interruption and clean up; unless it returns, it
     * fails with Celery's SoftTimeLimitExceeded. Any other reason replaces this one.
     */
    SOFT_TIME_LIMIT,
    /** The task's hard time limit: it fails with Celery's TimeLimitExceeded and is not retried. */
    TIME_LIMIT,
    /** The worker is stopping and the shutdown timeout ran out: the message goes back to its queue. */
    SHUTDOWN
}
