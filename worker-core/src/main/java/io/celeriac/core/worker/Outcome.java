package io.celeriac.core.worker;

import io.celeriac.core.broker.BrokerOp;
import java.time.Duration;
import java.util.List;

/**
 * How one delivery ended: exactly one of these per delivery, whatever the message or the task did.
 * Each carries the writes that make it so; the completer applies them only while the worker still
 * holds the message ({@link #fenced()}).
 */
public sealed interface Outcome {

    /** How metrics and listeners name an outcome. */
    enum Kind {
        SUCCESS, FAILURE, RETRY, REVOKED, DEAD_LETTERED, DEFERRED, REQUEUED,
        /** Not written: the worker no longer held the message (its lease had been lost). */
        FENCED
    }

    /** The writes that end the delivery (result, retry message, next chain step, dead letter...). */
    List<BrokerOp> ops();

    /** How metrics and listeners name it. */
    Kind kind();

    /** Whether the writes apply only while the message is still in flight (false after an early ack). */
    boolean fenced();

    /** The task ran and returned {@code result}; it and the next workflow steps are written. */
    record Succeeded(List<BrokerOp> ops, boolean fenced, com.fasterxml.jackson.databind.JsonNode result) implements Outcome {
        public Kind kind() {
            return Kind.SUCCESS;
        }
    }

    /** The task failed with {@code error} and runs again after {@code countdown}. */
    record Retried(List<BrokerOp> ops, boolean fenced, Duration countdown, io.celeriac.core.message.ExceptionInfo error,
                   String traceback) implements Outcome {
        public Kind kind() {
            return Kind.RETRY;
        }
    }

    /**
     * The message will not run (again): malformed, unknown task, retries exhausted, a failure that
     * is never retried. Dead-lettered with {@code reason}; {@code taskFailed} tells a task that ran
     * and failed from a message that could not run; {@code error} and {@code traceback} are what
     * it failed with (null when it did not run).
     */
    record DeadLettered(List<BrokerOp> ops, boolean fenced, String reason, boolean taskFailed,
                        io.celeriac.core.message.ExceptionInfo error, String traceback) implements Outcome {
        public Kind kind() {
            return taskFailed ? Kind.FAILURE : Kind.DEAD_LETTERED;
        }
    }

    /** Revoked, expired or terminated: REVOKED is stored, the task does not run (on). */
    record Revoked(List<BrokerOp> ops, boolean fenced, String why) implements Outcome {
        public Kind kind() {
            return Kind.REVOKED;
        }
    }

    /** Not due yet (an ETA a Python client put on the queue): moved to the delayed set. */
    record Deferred(List<BrokerOp> ops) implements Outcome {
        public boolean fenced() {
            return true;
        }

        public Kind kind() {
            return Kind.DEFERRED;
        }
    }

    /** Not finished (the worker is stopping): put back at the front of its queue. */
    record Requeued(List<BrokerOp> ops) implements Outcome {
        public boolean fenced() {
            return true;
        }

        public Kind kind() {
            return Kind.REQUEUED;
        }
    }

    /** The worker no longer held the message when it came to run it (an early ack found it gone): nothing is written. */
    record NotHeld() implements Outcome {
        public List<BrokerOp> ops() {
            return List.of();
        }

        public boolean fenced() {
            return false;
        }

        public Kind kind() {
            return Kind.FENCED;
        }
    }
}
