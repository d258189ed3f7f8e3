package io.celeriac.core.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.internal.Ids;
import io.celeriac.core.internal.LogSafe;
import io.celeriac.core.message.ExceptionInfo;
import io.celeriac.core.message.NewTask;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.retry.RetryDecision;
import io.celeriac.core.task.Reject;
import io.celeriac.core.task.Retry;
import io.celeriac.core.task.TaskArgumentException;
import io.celeriac.core.task.TaskDefinition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a task that did not return becomes. The reason a run was cancelled wins over whatever the
 * task threw on its way out: terminated is REVOKED, past the time limit is Celery's
 * TimeLimitExceeded, a stopping worker puts the message back. Otherwise {@link Reject} fails at
 * once, {@link Retry} asks for another run, and anything else goes to the task's retry policy
 * (which never retries programming errors).
 */
final class FailureDecision {
    private static final Logger log = LoggerFactory.getLogger(FailureDecision.class);
    private static final int TRACEBACK_LIMIT = 8192;
    /** The longest countdown honoured: beyond it no time arithmetic is safe, and no retry is meant. */
    private static final Duration MAX_COUNTDOWN = Duration.ofDays(3650);

    private final ExecutionEnvironment env;
    private final OutcomeWriter writer;

    FailureDecision(ExecutionEnvironment env, OutcomeWriter writer) {
        this.env = env;
        this.writer = writer;
    }

    Outcome decide(Delivery delivery, TaskMessage message, TaskDefinition task, Throwable error,
                   Cancellation cancelled, Deadlines deadlines, boolean fenced) {
        if (cancelled == Cancellation.TERMINATED) {
            log.atWarn().log("task terminated on request");
            return writer.revoked(delivery, message, "terminated", env.clock().instant(), fenced);
        }
        if (cancelled == Cancellation.SHUTDOWN) {
            // an early-acked message is no longer ours to put back: at most once means it fails here
            return fenced ? writer.requeued(delivery, env.clock().instant())
                    : giveUp(delivery, message, "interrupted by the worker's shutdown", ExceptionInfo.celery("WorkerShutdown",
                    "interrupted by the worker's shutdown").toJson(), error, fenced);
        }
        if (cancelled == Cancellation.SOFT_TIME_LIMIT) {
            double seconds = deadlines.soft().toMillis() / 1000.0;
            return giveUp(delivery, message, "soft time limit (" + seconds + " s) exceeded",
                    ExceptionInfo.celeryArgs("SoftTimeLimitExceeded", seconds), error, fenced);
        }
        if (cancelled == Cancellation.TIME_LIMIT) {
            double seconds = deadlines.hard().toMillis() / 1000.0;
            return giveUp(delivery, message, "time limit (" + seconds + " s) exceeded",
                    ExceptionInfo.celeryArgs("TimeLimitExceeded", seconds), error, fenced);
        }
        Throwable cause = error instanceof Retry retry && retry.getCause() != null ? retry.getCause() : error;
        if (error instanceof TaskArgumentException badCall) {
            // the message itself does not fit the task: no retry can change that
            return giveUp(delivery, message, "TypeError: " + LogSafe.of(badCall.getMessage(), 500),
                    ExceptionInfo.of(badCall).toJson(), badCall, fenced);
        }
        RetryDecision decision = error instanceof Reject
                ? new RetryDecision.GiveUp("rejected: " + LogSafe.of(error.getMessage(), 500))
                : error instanceof StackOverflowError
                ? new RetryDecision.GiveUp("StackOverflowError is never retried")
                : task.options().retryPolicy().decide(cause, message.retries(),
                        error instanceof Retry retry ? retry.countdown() : null, env.random());
        ObjectNode exception = ExceptionInfo.of(cause).toJson();
        return switch (decision) {
            case RetryDecision.RetryAfter after -> retry(delivery, message, after.countdown(), exception, error, cause, fenced);
            case RetryDecision.GiveUp gaveUp ->
                    giveUp(delivery, message, gaveUp.reason() + ": " + LogSafe.of(String.valueOf(cause), 500), exception, cause, fenced);
        };
    }

    private Outcome retry(Delivery delivery, TaskMessage message, Duration countdown, ObjectNode exception,
                          Throwable error, Throwable cause, boolean fenced) {
        Duration wait = countdown.isNegative() ? Duration.ZERO : countdown.compareTo(MAX_COUNTDOWN) > 0 ? MAX_COUNTDOWN : countdown;
        Instant eta = env.clock().instant().plus(wait);
        byte[] again;
        try {
            again = env.codec().encodeBytes(NewTask.retryOf(message, eta, Ids.uuid(env.random()), delivery.queue()));
        } catch (RuntimeException e) {
            return giveUp(delivery, message, "could not build the retry message: " + LogSafe.of(e.toString(), 300), exception, cause, fenced);
        }
        env.stats().retried.increment();
        log.atInfo().addKeyValue("countdown_ms", wait.toMillis()).addKeyValue("error", LogSafe.of(cause.toString(), 300))
                .log("task failed; retry scheduled");
        return writer.retried(delivery, message, again, eta, wait, exception, traceback(error), fenced);
    }

    private Outcome giveUp(Delivery delivery, TaskMessage message, String reason, ObjectNode exception, Throwable error, boolean fenced) {
        env.stats().failed.increment();
        log.atWarn().addKeyValue("reason", reason).log("task failed; dead-lettered");
        return writer.failed(delivery, message, reason, exception, error == null ? null : traceback(error), fenced);
    }

    static String traceback(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        String text = out.toString();
        return text.length() > TRACEBACK_LIMIT ? text.substring(0, TRACEBACK_LIMIT) + "\n..." : text;
    }
}
