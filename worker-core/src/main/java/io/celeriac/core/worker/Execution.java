package io.celeriac.core.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.broker.Completion;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.flow.Admission;
import io.celeriac.core.flow.UniqueGate;
import io.celeriac.core.internal.LogSafe;
import io.celeriac.core.message.ExceptionInfo;
import io.celeriac.core.message.MalformedMessageException;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.task.AckMode;
import io.celeriac.core.task.TaskDefinition;
import io.celeriac.core.trace.MessageTracer;
import io.celeriac.core.trace.Tracers;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One delivery's life on a runner, from the bytes the fetcher took to the one {@link Outcome}
 * that records how it ended. Everything about the delivery lives here: the decoded message, its
 * task, its deadline, and why it is being cancelled if it is.
 *
 * <ol>
 *   <li>over the size limit or malformed: dead-lettered with the reason (FAILURE stored when its id is known);</li>
 *   <li>revoked or expired: REVOKED stored, not run;</li>
 *   <li>ETA in the future (a Python client's countdown): moved to the delayed set;</li>
 *   <li>unknown task: NotRegistered stored, dead-lettered;</li>
 *   <li>unique and its lock held by another task: a duplicate, not run ({@link UniqueGate});</li>
 *   <li>early ack: taken out of flight first, and not run if the worker no longer held it;</li>
 *   <li>run the handler under its time limit; its return value is the result (one that cannot be
 *       written as JSON fails the task), a throw goes to {@link FailureDecision}.</li>
 * </ol>
 *
 * <p>{@link #run()} never throws for anything the message or the task does; a throwable that still
 * escapes is a worker bug, and the runner turns it into a dead letter.
 */
final class Execution {
    private static final Logger log = LoggerFactory.getLogger(Execution.class);

    private final Delivery delivery;
    private final ExecutionEnvironment env;
    private final OutcomeWriter writer;
    private final FailureDecision failures;
    private final long createdNanos = System.nanoTime();
    private final Object lock = new Object();
    private Cancellation cancellation;
    private Thread handlerThread;
    private volatile TaskMessage message;
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile long startedMillis = -1;
    private long runNanos;
    private long latencyNanos = -1;

    Execution(Delivery delivery, ExecutionEnvironment env, OutcomeWriter writer, FailureDecision failures) {
        this.delivery = delivery;
        this.env = env;
        this.writer = writer;
        this.failures = failures;
    }

    Delivery delivery() {
        return delivery;
    }

    /** The task id once decoded, else null. */
    String taskId() {
        TaskMessage m = message;
        return m == null ? null : m.id();
    }

    /** The registered task name, or null when the message names none (metrics fold those together). */
    String registeredTask() {
        TaskMessage m = message;
        return m != null && env.registry().find(m.task()).isPresent() ? m.task() : null;
    }

    /** The decoded message, or null before decoding or when it could not be decoded. */
    io.celeriac.core.message.TaskMessage message() {
        return message;
    }

    String taskName() {
        TaskMessage m = message;
        return m == null ? null : m.task();
    }

    /** When the handler started (epoch ms), -1 before. */
    long startedMillis() {
        return startedMillis;
    }

    long createdNanos() {
        return createdNanos;
    }

    /** System.nanoTime() past which the task has overrun its hard limit; Long.MAX_VALUE without one. */
    long deadlineNanos() {
        return deadlineNanos;
    }

    long runNanos() {
        return runNanos;
    }

    long latencyNanos() {
        return latencyNanos;
    }

    /**
     * Stops the task for {@code why}: recorded first (the first reason wins), then the handler's
     * thread is interrupted if the handler is running. Safe from any thread, at any time.
     */
    void cancel(Cancellation why) {
        synchronized (lock) {
            // the first reason wins, but a soft limit gives way to anything that stops the task for good
            if (cancellation == null || cancellation == Cancellation.SOFT_TIME_LIMIT && why != Cancellation.SOFT_TIME_LIMIT) {
                cancellation = why;
            }
            if (handlerThread != null) {
                handlerThread.interrupt();
            }
        }
    }

    Cancellation cancellation() {
        synchronized (lock) {
            return cancellation;
        }
    }

    Outcome run() {
        Instant now = env.clock().instant();
        if (delivery.raw().length > env.codec().limits().maxMessageBytes()) {
            String reason = MessageCodec.oversize(delivery.raw().length, env.codec().limits().maxMessageBytes());
            log.atWarn().addKeyValue("queue", delivery.queue()).addKeyValue("reason", reason).log("message dead-lettered");
            return writer.unrunnable(delivery, null, null, reason, null, now);
        }
        try {
            message = env.codec().decode(delivery.raw());
        } catch (MalformedMessageException e) {
            log.atWarn().addKeyValue("queue", delivery.queue()).addKeyValue("task_id", LogSafe.of(e.taskId()))
                    .addKeyValue("reason", e.getMessage()).log("malformed message dead-lettered");
            return writer.unrunnable(delivery, e.taskId(), null, e.getMessage(),
                    new ExceptionInfo("MalformedMessage", "celeriac", e.getMessage()).toJson(), now);
        }
        MDC.put("task_id", LogSafe.of(message.id()));
        MDC.put("task_name", LogSafe.of(message.task()));
        MDC.put("queue", delivery.queue());
        MDC.put("attempt", String.valueOf(message.retries() + 1L));
        env.events().received(message, delivery.queue());
        try {
            return runDecoded(message, now);
        } finally {
            MDC.remove("task_id");
            MDC.remove("task_name");
            MDC.remove("queue");
            MDC.remove("attempt");
        }
    }

    private Outcome runDecoded(TaskMessage message, Instant now) {
        if (env.revoked().test(message.id()) || cancellation() == Cancellation.TERMINATED) {
            log.atInfo().log("task revoked; not run");
            return writer.revoked(delivery, message, "revoked", now, true);
        }
        if (message.expires() != null && now.isAfter(message.expires())) {
            log.atInfo().addKeyValue("expires", message.expires()).log("task expired; not run");
            return writer.revoked(delivery, message, "expired", now, true);
        }
        if (message.eta() != null && message.eta().isAfter(now)) {
            return writer.deferred(delivery, message);
        }
        if (Chords.UNLOCK_TASK.equals(message.task()) && env.registry().find(message.task()).isEmpty()) {
            return new ChordUnlock(env, writer).run(delivery, message, now);
        }
        Optional<TaskDefinition> found = env.registry().find(message.task());
        if (found.isEmpty()) {
            log.atWarn().log("unknown task dead-lettered");
            return writer.unrunnable(delivery, message, "task " + LogSafe.of(message.task())
                    + " is not registered on worker " + env.workerName(),
                    ExceptionInfo.celery("NotRegistered", LogSafe.of(message.task(), 1000)).toJson(), now);
        }
        TaskDefinition task = found.get();
        Admission admission = env.limits().admit(task, message);
        if (admission instanceof Admission.Wait wait) {
            // over a fleet-wide limit: wait in the delayed set for its token or slot, not in a runner
            return writer.deferred(delivery, message, wait.until());
        }
        if (admission instanceof Admission.Refuse refused) {
            log.atWarn().addKeyValue("reason", refused.reason()).log("task cannot be limited; dead-lettered");
            return writer.unrunnable(delivery, message.id(), message.task(), refused.reason(),
                    new ExceptionInfo("LimitKeyError", "celeriac", refused.reason()).toJson(), now);
        }
        try {
            return admitted(message, task, now);
        } finally {
            env.limits().flow().release(admission);
        }
    }

    private Outcome admitted(TaskMessage message, TaskDefinition task, Instant now) {
        UniqueGate.Entry unique;
        try {
            unique = UniqueGate.enter(env.broker(), message, now);
        } catch (IllegalArgumentException e) {
            return writer.unrunnable(delivery, message.id(), message.task(), e.getMessage(),
                    ExceptionInfo.celery("ValueError", e.getMessage()).toJson(), now);
        } catch (RuntimeException e) {
            // the lock cannot be read: run nothing unsure, try again shortly
            log.atWarn().addKeyValue("error", e.toString()).log("unique lock unreadable; task deferred");
            return writer.deferred(delivery, message, now.plus(UniqueGate.WHILE_EXECUTING_WAIT));
        }
        if (unique != null && !unique.mine()) {
            log.atInfo().addKeyValue("holder", unique.holder()).log("duplicate of a unique task; not run");
            return unique.waits() ? writer.deferred(delivery, message, now.plus(UniqueGate.WHILE_EXECUTING_WAIT))
                    : writer.revoked(delivery, message, "duplicate of task " + unique.holder(), now, true);
        }
        boolean early = task.options().ackMode() == AckMode.EARLY;
        if (early && !env.broker().release(delivery)) {
            log.atWarn().log("message no longer held when its task was to start; not run");
            return new Outcome.NotHeld();
        }
        if (task.options().trackStarted() || env.trackStarted()) {
            ObjectNode started = JsonNodeFactory.instance.objectNode().put("pid", ProcessHandle.current().pid()).put("hostname", env.workerName());
            recordState(message, TaskState.STARTED.name(), started);
        }
        UniqueGate.started(env.broker(), unique);
        Outcome outcome = invoke(message, task, now, !early);
        UniqueGate.finished(env.broker(), unique, switch (outcome.kind()) {
            case SUCCESS, FAILURE, REVOKED, DEAD_LETTERED -> true;
            default -> false;
        });
        return outcome;
    }

    private Outcome invoke(TaskMessage message, TaskDefinition task, Instant now, boolean fenced) {
        latencyNanos = latencyNanos(message, now);
        startedMillis = env.clock().millis();
        env.onStart().accept(this);
        env.events().started(message, delivery.queue());
        long started = System.nanoTime();
        MessageTracer.Scope trace = Tracers.active()
                ? Tracers.running(message.task(), message.id(), delivery.queue(), message.headers()) : null;
        Object value;
        ChildTasks children = new ChildTasks(env.sender(), message);
        try (Deadlines deadlines = Deadlines.arm(this, message, task, env.limits(), env.timer(), started)) {
            deadlineNanos = deadlines.hardDeadlineNanos();
            try {
                value = handle(message, task, children);
            } catch (Throwable error) {
                runNanos = System.nanoTime() - started;
                if (error instanceof VirtualMachineError fatal && !(fatal instanceof StackOverflowError)) {
                    throw fatal;
                }
                Outcome outcome = failures.decide(delivery, message, task, error, cancellation(), deadlines, fenced);
                if (trace != null) {
                    trace.end(outcome.kind().name(), error);
                }
                return outcome;
            }
        }
        if (trace != null) {
            trace.end(Outcome.Kind.SUCCESS.name(), null);
        }
        runNanos = System.nanoTime() - started;
        JsonNode json;
        try {
            json = env.codec().json().valueToTree(value);
        } catch (RuntimeException e) {
            env.stats().failed.increment();
            String reason = "the task's return value cannot be stored as JSON: " + LogSafe.of(e.getMessage(), 300);
            log.atWarn().addKeyValue("reason", reason).log("task failed; dead-lettered");
            return writer.failed(delivery, message, reason, ExceptionInfo.celery("EncodeError", reason).toJson(), null, fenced);
        }
        env.stats().succeeded.increment();
        return writer.succeeded(delivery, message, task, json, children.ids(), fenced);
    }

    /** Runs the handler with this thread registered for cancellation, and leaves no interrupt behind. */
    private Object handle(TaskMessage message, TaskDefinition task, ChildTasks children) throws Exception {
        MessageContext context = new MessageContext(message, delivery.queue(), env.workerName(),
                task.options().defaultRetryDelay(), env.codec().json(), children, env.clock(),
                () -> cancellation() == Cancellation.SOFT_TIME_LIMIT, (state, meta) -> recordState(message, state, meta));
        synchronized (lock) {
            if (cancellation != null) {
                throw new InterruptedException("cancelled before the task started: " + cancellation);
            }
            handlerThread = Thread.currentThread();
        }
        try {
            return task.handler().run(context);
        } finally {
            synchronized (lock) {
                handlerThread = null;
            }
            // an interrupt meant for this task must not reach the runner's next one
            Thread.interrupted();
        }
    }

    /** Stores a state the running task is in; queued behind nothing, and never over how it ends. */
    private void recordState(TaskMessage message, String state, JsonNode meta) {
        env.earlyWrites().accept(new Completion(delivery, false, List.of(writer.interim(message, state, meta, delivery))));
    }

    /** From sending (or, for ETA and retried messages, from becoming due) to now; -1 when unknown. */
    private static long latencyNanos(TaskMessage message, Instant now) {
        long from = message.eta() != null ? message.eta().toEpochMilli() : message.sentMillis();
        long millis = now.toEpochMilli() - from;
        if (from < 0 || millis < 0) {
            return from < 0 ? -1 : 0;
        }
        return millis > Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : millis * 1_000_000L;
    }
}
