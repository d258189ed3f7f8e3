package io.celeriac.core.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.broker.BrokerOp;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.message.ExceptionInfo;
import io.celeriac.core.message.MalformedMessageException;
import io.celeriac.core.message.NewTask;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.retry.RetryDecision;
import io.celeriac.core.task.AckMode;
import io.celeriac.core.task.Reject;
import io.celeriac.core.task.Retry;
import io.celeriac.core.task.TaskDefinition;
import io.celeriac.core.internal.Ids;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one delivered message and turns its outcome into broker writes. Never throws: whatever the
 * message or the task does, the result is a list of ops that acks the delivery.
 *
 * <ol>
 *   <li>decode; a malformed message is dead-lettered with its reason (FAILURE stored if its id is known);</li>
 *   <li>revoked or expired: store REVOKED, do not run;</li>
 *   <li>ETA in the future (a Python client's countdown): move it to the delayed set;</li>
 *   <li>unknown task: store NotRegistered, dead-letter;</li>
 *   <li>run the handler; success stores SUCCESS; a failure asks the retry policy, which either
 *       sends the retry (same id, retries + 1, new eta) and stores RETRY, or stores FAILURE and
 *       dead-letters the message.</li>
 * </ol>
 */
final class TaskExecution {
    private static final Logger log = LoggerFactory.getLogger(TaskExecution.class);
    private static final int TRACEBACK_LIMIT = 8192;

    private final ExecutionEnvironment env;

    TaskExecution(ExecutionEnvironment env) {
        this.env = env;
    }

    List<BrokerOp> execute(Delivery delivery) {
        List<BrokerOp> ops = new ArrayList<>(4);
        Instant now = env.clock().instant();
        TaskMessage message;
        try {
            message = env.codec().decode(delivery.raw());
        } catch (MalformedMessageException e) {
            log.atWarn().addKeyValue("queue", delivery.queue()).addKeyValue("task_id", e.taskId())
                    .addKeyValue("reason", e.getMessage()).log("malformed message dead-lettered");
            if (e.taskId() != null) {
                ops.add(result(e.taskId(), TaskState.FAILURE,
                        new ExceptionInfo("MalformedMessage", "celeriac", e.getMessage()).toJson(), null, now, null, null, null));
            }
            deadLetter(ops, e.getMessage(), delivery, e.taskId(), null, now);
            ops.add(new BrokerOp.Ack(delivery));
            env.listener().finished(null, delivery.queue(), TaskListener.Outcome.DEAD_LETTERED, 0, -1);
            return ops;
        }
        MDC.put("task_id", message.id());
        MDC.put("task_name", message.task());
        MDC.put("queue", delivery.queue());
        MDC.put("attempt", String.valueOf(message.retries() + 1));
        try {
            return run(delivery, message, now, ops);
        } finally {
            MDC.remove("task_id");
            MDC.remove("task_name");
            MDC.remove("queue");
            MDC.remove("attempt");
        }
    }

    private List<BrokerOp> run(Delivery delivery, TaskMessage message, Instant now, List<BrokerOp> ops) {
        if (env.revoked().test(message.id())) {
            log.atInfo().log("task revoked; not run");
            ops.add(result(message, TaskState.REVOKED, ExceptionInfo.celery("TaskRevokedError", "revoked").toJson(), null, now, delivery));
            ops.add(new BrokerOp.Ack(delivery));
            env.listener().finished(message.task(), delivery.queue(), TaskListener.Outcome.REVOKED, 0, -1);
            return ops;
        }
        if (message.expires() != null && now.isAfter(message.expires())) {
            log.atInfo().addKeyValue("expires", message.expires()).log("task expired; not run");
            ops.add(result(message, TaskState.REVOKED, ExceptionInfo.celery("TaskRevokedError", "expired").toJson(), null, now, delivery));
            ops.add(new BrokerOp.Ack(delivery));
            env.listener().finished(message.task(), delivery.queue(), TaskListener.Outcome.REVOKED, 0, -1);
            return ops;
        }
        if (message.eta() != null && message.eta().isAfter(now)) {
            // a Python client put an ETA message straight on the queue: park it in Redis, not in memory
            ops.add(new BrokerOp.Delay(delivery.sourceList(), delivery.raw(), message.eta().toEpochMilli()));
            ops.add(new BrokerOp.Ack(delivery));
            env.listener().finished(message.task(), delivery.queue(), TaskListener.Outcome.DEFERRED, 0, -1);
            return ops;
        }
        Optional<TaskDefinition> found = env.registry().find(message.task());
        if (found.isEmpty()) {
            log.atWarn().log("unknown task dead-lettered");
            ops.add(result(message, TaskState.FAILURE, ExceptionInfo.celery("NotRegistered", message.task()).toJson(), null, now, delivery));
            deadLetter(ops, "task " + message.task() + " is not registered on worker " + env.workerName(), delivery, message.id(), message.task(), now);
            ops.add(new BrokerOp.Ack(delivery));
            env.listener().finished(message.task(), delivery.queue(), TaskListener.Outcome.DEAD_LETTERED, 0, -1);
            return ops;
        }
        TaskDefinition task = found.get();
        boolean early = task.options().ackMode() == AckMode.EARLY;
        if (early) {
            env.earlyAcks().accept(List.of(new BrokerOp.Ack(delivery)));
        }
        if (task.options().trackStarted()) {
            ObjectNode started = JsonNodeFactory.instance.objectNode().put("pid", ProcessHandle.current().pid()).put("hostname", env.workerName());
            env.earlyAcks().accept(List.of(result(message, TaskState.STARTED, started, null, null, delivery)));
        }
        Object value;
        env.onStart().started(message.id(), message.task(), delivery.queue());
        long latency = latencyNanos(message, now);
        long started = System.nanoTime();
        try {
            value = invoke(task, message, delivery);
        } catch (Throwable error) {
            TaskListener.Outcome outcome = failed(task, message, delivery, error, ops);
            if (!early) {
                ops.add(new BrokerOp.Ack(delivery));
            }
            env.listener().finished(message.task(), delivery.queue(), outcome, System.nanoTime() - started, latency);
            return ops;
        }
        env.listener().finished(message.task(), delivery.queue(), TaskListener.Outcome.SUCCESS, System.nanoTime() - started, latency);
        env.stats().succeeded.increment();
        if (log.isDebugEnabled()) {
            log.atDebug().log("task succeeded");
        }
        JsonNode json = env.codec().json().valueToTree(value);
        if (!task.options().ignoreResult() && !message.ignoreResult()) {
            ops.add(result(message, TaskState.SUCCESS, json, null, env.clock().instant(), delivery));
        }
        ops.addAll(env.workflow().afterSuccess(message, json, delivery, env.clock().instant()));
        if (!early) {
            ops.add(new BrokerOp.Ack(delivery));
        }
        return ops;
    }

    private Object invoke(TaskDefinition task, TaskMessage message, Delivery delivery) throws Exception {
        MessageContext context = new MessageContext(message, delivery.queue(), env.workerName(),
                task.options().defaultRetryDelay(), env.codec().json(), env.sender(), env.clock());
        // the sender's limit (a Python apply_async(time_limit=...)) wins over the task's default
        Duration limit = message.timeLimit() != null ? message.timeLimit() : task.options().timeLimit();
        if (limit == null) {
            return task.handler().run(context);
        }
        Thread runner = Thread.currentThread();
        ScheduledFuture<?> alarm = env.timer().schedule(runner::interrupt, limit.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return task.handler().run(context);
        } catch (InterruptedException e) {
            throw alarm.isDone() ? new TimeLimitExceeded(limit) : e;
        } finally {
            alarm.cancel(false);
            Thread.interrupted(); // an alarm that fired just after the task finished must not leak into the next task
        }
    }

    /** From sending (or, for ETA and retried messages, from becoming due) to now; -1 when unknown. */
    private static long latencyNanos(TaskMessage message, Instant now) {
        long from = message.eta() != null ? message.eta().toEpochMilli() : message.sentMillis();
        return from < 0 ? -1 : Math.max(0, (now.toEpochMilli() - from) * 1_000_000L);
    }

    private TaskListener.Outcome failed(TaskDefinition task, TaskMessage message, Delivery delivery, Throwable error, List<BrokerOp> ops) {
        Instant now = env.clock().instant();
        Throwable cause = error instanceof Retry retry && retry.getCause() != null ? retry.getCause() : error;
        // a task past its time limit would only run out of time again: fail it, as Celery does
        RetryDecision decision = error instanceof Reject
                ? new RetryDecision.GiveUp("rejected: " + error.getMessage())
                : error instanceof TimeLimitExceeded
                ? new RetryDecision.GiveUp(error.getMessage())
                : task.options().retryPolicy().decide(cause, message.retries(),
                        error instanceof Retry retry ? retry.countdown() : null, env.random());
        ObjectNode exception = ExceptionInfo.of(cause).toJson();
        switch (decision) {
            case RetryDecision.RetryAfter after -> {
                env.stats().retried.increment();
                Instant eta = now.plus(after.countdown());
                TaskMessage again = NewTask.retryOf(message, eta, Ids.uuid(env.random()), delivery.queue());
                ops.add(new BrokerOp.Delay(env.keys().queueList(delivery.queue(), message.priority()),
                        env.codec().encodeBytes(again), eta.toEpochMilli()));
                ops.add(result(message, TaskState.RETRY, exception, traceback(error), null, delivery));
                log.atInfo().addKeyValue("countdown_ms", after.countdown().toMillis()).addKeyValue("error", cause.toString())
                        .log("task failed; retry scheduled");
                return TaskListener.Outcome.RETRY;
            }
            case RetryDecision.GiveUp giveUp -> {
                env.stats().failed.increment();
                ops.add(result(message, TaskState.FAILURE, exception, traceback(cause), now, delivery));
                deadLetter(ops, giveUp.reason() + ": " + cause, delivery, message.id(), message.task(), now);
                ops.addAll(env.workflow().afterFailure(message, delivery, now));
                log.atWarn().addKeyValue("reason", giveUp.reason()).addKeyValue("error", cause.toString())
                        .log("task failed; dead-lettered");
                return TaskListener.Outcome.FAILURE;
            }
        }
    }

    private void deadLetter(List<BrokerOp> ops, String reason, Delivery delivery, String taskId, String task, Instant now) {
        env.stats().deadLettered.increment();
        ops.add(new BrokerOp.DeadLetter(new DeadLetterEntry(reason, delivery.queue(), taskId, task, now, delivery.raw())));
    }

    private BrokerOp result(TaskMessage message, TaskState state, JsonNode value, String traceback, Instant done, Delivery delivery) {
        Duration expires = env.registry().find(message.task()).map(t -> t.options().resultExpires()).orElse(null);
        ObjectNode extended = null;
        if (env.resultExtended()) {
            extended = JsonNodeFactory.instance.objectNode();
            extended.put("name", message.task());
            extended.set("args", message.args());
            extended.set("kwargs", message.kwargs());
            extended.put("worker", env.workerName());
            extended.put("retries", message.retries());
            extended.put("queue", delivery.queue());
        }
        String parent = message.parentId();
        return result(message.id(), state, value, traceback, done, parent, message.group(), extended,
                expires != null ? expires : env.resultExpires());
    }

    private BrokerOp result(String taskId, TaskState state, JsonNode value, String traceback, Instant done,
                            String parentId, String groupId, ObjectNode extended) {
        return result(taskId, state, value, traceback, done, parentId, groupId, extended, env.resultExpires());
    }

    /** @param expires the result's TTL: the task's own when it sets one, else the worker's */
    private BrokerOp result(String taskId, TaskState state, JsonNode value, String traceback, Instant done,
                            String parentId, String groupId, ObjectNode extended, Duration expires) {
        ResultMeta meta = new ResultMeta(taskId, state, value, traceback, done, parentId, groupId, extended);
        return new BrokerOp.StoreResult(taskId, env.codec().jsonBytes(meta.toJson()), expires.toSeconds(),
                state == TaskState.SUCCESS);
    }

    private static String traceback(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        String text = out.toString();
        return text.length() > TRACEBACK_LIMIT ? text.substring(0, TRACEBACK_LIMIT) + "\n..." : text;
    }
}
