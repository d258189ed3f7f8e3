package io.celeriac.core.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.broker.BrokerOp;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.broker.TaskCounters;
import io.celeriac.core.flow.batch.Batches;
import io.celeriac.core.internal.LogSafe;
import io.celeriac.core.message.ExceptionInfo;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.task.TaskDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what happened to a delivery into the {@link Outcome} that records it: the result Celery
 * clients read, the dead letter an operator can requeue, the messages a workflow sends next. It
 * decides nothing about retries (that is {@link FailureDecision}); it only writes down.
 */
final class OutcomeWriter {
    private final ExecutionEnvironment env;

    OutcomeWriter(ExecutionEnvironment env) {
        this.env = env;
    }

    /** A message that cannot run as sent: FAILURE under its id when it has one, and a dead letter. */
    Outcome unrunnable(Delivery delivery, String taskId, String task, String reason, ObjectNode exception, Instant now) {
        List<BrokerOp> ops = new ArrayList<>(2);
        if (taskId != null) {
            ops.add(result(taskId, TaskState.FAILURE, exception, null, now, null, null, null, env.resultExpires()));
        }
        ops.add(deadLetter(delivery, reason, taskId, task, now));
        count(ops, now, delivery, TaskCounters.PROCESSED, TaskCounters.FAILED);
        return new Outcome.DeadLettered(ops, true, reason, false, null, null);
    }

    /** A decoded message this worker cannot run (its task is not registered): as above, and it ends its batch's count. */
    Outcome unrunnable(Delivery delivery, TaskMessage message, String reason, ObjectNode exception, Instant now) {
        Outcome outcome = unrunnable(delivery, message.id(), message.task(), reason, exception, now);
        BrokerOp part = Batches.part(message, false, now.toEpochMilli());
        if (part == null) {
            return outcome;
        }
        List<BrokerOp> ops = new ArrayList<>(outcome.ops());
        ops.add(part);
        return new Outcome.DeadLettered(ops, true, reason, false, null, null);
    }

    Outcome revoked(Delivery delivery, TaskMessage message, String why, Instant now, boolean fenced) {
        ObjectNode exception = ExceptionInfo.celery("TaskRevokedError", why).toJson();
        List<BrokerOp> ops = new ArrayList<>(2);
        ops.add(result(message, TaskState.REVOKED, exception, null, now, delivery));
        addIfPresent(ops, env.workflow().chordPart(message, TaskState.REVOKED, exception, now, env.resultExpires()));
        addIfPresent(ops, Batches.part(message, false, now.toEpochMilli()));
        return new Outcome.Revoked(ops, fenced, why);
    }

    /**
     * The dashboard's per-minute counters, written with the outcome (and only when the outcome is):
     * the fleet's {@code counters}, and the queue's {@link TaskCounters#doneFrom} (its rate out).
     */
    private static void count(List<BrokerOp> ops, Instant now, Delivery delivery, String... counters) {
        long minute = TaskCounters.minuteOf(now);
        for (String counter : counters) {
            ops.add(new BrokerOp.CountMinute(counter, minute));
        }
        if (delivery != null && delivery.queue() != null) {
            ops.add(new BrokerOp.CountMinute(TaskCounters.doneFrom(delivery.queue()), minute));
        }
    }

    private static void addIfPresent(List<BrokerOp> ops, BrokerOp op) {
        if (op != null) {
            ops.add(op);
        }
    }

    /** FAILURE under any task id (a chord's body when a part failed). */
    BrokerOp failure(String taskId, ObjectNode exception, Instant now) {
        return result(taskId, TaskState.FAILURE, exception, null, now, null, null, null, env.resultExpires());
    }

    Outcome deferred(Delivery delivery, TaskMessage message) {
        return deferred(delivery, message, message.eta());
    }

    /** Back to the delayed set until {@code until} (its eta, or its next token under a rate limit), bytes unchanged. */
    Outcome deferred(Delivery delivery, TaskMessage message, Instant until) {
        return new Outcome.Deferred(List.of(new BrokerOp.Delay(delivery.queue(), message.priority(), delivery.raw(),
                until.toEpochMilli(), entry(delivery, "could not hold the message in the delayed set", message.id(), message.task(),
                env.clock().instant()))));
    }

    Outcome requeued(Delivery delivery, Instant now) {
        return new Outcome.Requeued(List.of(new BrokerOp.PushFront(delivery,
                entry(delivery, "could not put the message back on its queue", null, null, now))));
    }

    /**
     * The task returned {@code value}: its result, then the next steps of its workflow. The result
     * names as children what the task sent ({@code sent}) and the steps sent for it, as Celery's does.
     */
    Outcome succeeded(Delivery delivery, TaskMessage message, TaskDefinition task, JsonNode value, List<String> sent,
                      boolean fenced) {
        Instant now = env.clock().instant();
        List<String> children = new ArrayList<>(sent);
        List<BrokerOp> steps = env.workflow().afterSuccess(message, value, delivery, now, children::add);
        List<BrokerOp> ops = new ArrayList<>(2 + steps.size());
        if (!task.options().ignoreResult() && !message.ignoreResult()) {
            ops.add(store(message, new ResultMeta(message.id(), TaskState.SUCCESS, value, null, now, message.parentId(),
                    message.group(), extended(message, delivery), null, children)));
        }
        addIfPresent(ops, env.workflow().chordPart(message, TaskState.SUCCESS, value, now, env.resultExpires()));
        ops.addAll(steps);
        addIfPresent(ops, Batches.part(message, true, now.toEpochMilli()));
        count(ops, now, delivery, TaskCounters.PROCESSED);
        return new Outcome.Succeeded(ops, fenced, value);
    }

    /** The task failed for good: FAILURE, a dead letter, and the workflow's errbacks. */
    Outcome failed(Delivery delivery, TaskMessage message, String reason, ObjectNode exception, String traceback, boolean fenced) {
        Instant now = env.clock().instant();
        List<BrokerOp> ops = new ArrayList<>(3);
        ops.add(result(message, TaskState.FAILURE, exception, traceback, now, delivery));
        addIfPresent(ops, env.workflow().chordPart(message, TaskState.FAILURE, exception, now, env.resultExpires()));
        ops.add(deadLetter(delivery, reason, message.id(), message.task(), now));
        ops.addAll(env.workflow().afterFailure(message, delivery, now));
        addIfPresent(ops, Batches.part(message, false, now.toEpochMilli()));
        count(ops, now, delivery, TaskCounters.PROCESSED, TaskCounters.FAILED);
        return new Outcome.DeadLettered(ops, fenced, reason, true, ExceptionInfo.fromJson(exception), traceback);
    }

    /** The task runs again: the retry message in the delayed set, RETRY stored meanwhile. */
    Outcome retried(Delivery delivery, TaskMessage message, byte[] retry, Instant eta, Duration countdown,
                    ObjectNode exception, String traceback, boolean fenced) {
        Instant now = env.clock().instant();
        List<BrokerOp> ops = new ArrayList<>(3);
        ops.add(new BrokerOp.Delay(delivery.queue(), message.priority(), retry, eta.toEpochMilli(),
                entry(delivery, "could not schedule the retry", message.id(), message.task(), now)));
        ops.add(result(message, TaskState.RETRY, exception, traceback, null, delivery));
        count(ops, now, delivery, TaskCounters.RETRIED);
        return new Outcome.Retried(ops, fenced, countdown, ExceptionInfo.fromJson(exception), traceback);
    }

    BrokerOp.DeadLetter deadLetter(Delivery delivery, String reason, String taskId, String task, Instant now) {
        env.stats().deadLettered.increment();
        return new BrokerOp.DeadLetter(new DeadLetterEntry(reason, delivery.queue(), taskId, task, now, delivery.raw()));
    }

    /** What a write that Redis refuses becomes: a dead letter holding the value, with this reason. */
    private static DeadLetterEntry entry(Delivery delivery, String reason, String taskId, String task, Instant now) {
        return new DeadLetterEntry(reason, delivery.queue(), taskId, task == null ? null : LogSafe.of(task), now, new byte[0]);
    }

    BrokerOp result(TaskMessage message, TaskState state, JsonNode value, String traceback, Instant done, Delivery delivery) {
        return store(message, new ResultMeta(message.id(), state, value, traceback, done, message.parentId(), message.group(),
                extended(message, delivery)));
    }

    /**
     * A state the running task names itself (Celery's {@code update_state}: PROGRESS with a meta
     * map, say), or STARTED: stored as Python's {@code AsyncResult.state/.info} read it, never over
     * a ready state.
     */
    BrokerOp interim(TaskMessage message, String state, JsonNode meta, Delivery delivery) {
        TaskState known = TaskState.named(state);
        return store(message, known != null
                ? new ResultMeta(message.id(), known, meta, null, null, message.parentId(), message.group(), extended(message, delivery))
                : ResultMeta.custom(message.id(), state, meta, message.parentId(), message.group(), extended(message, delivery)));
    }

    private BrokerOp store(TaskMessage message, ResultMeta meta) {
        Duration expires = env.registry().find(message.task()).map(t -> t.options().resultExpires()).orElse(null);
        return result(meta, expires != null ? expires : env.resultExpires());
    }

    private ObjectNode extended(TaskMessage message, Delivery delivery) {
        if (!env.resultExtended()) {
            return null;
        }
        ObjectNode extended = JsonNodeFactory.instance.objectNode();
        extended.put("name", message.task());
        extended.set("args", message.args());
        extended.set("kwargs", message.kwargs());
        extended.put("worker", env.workerName());
        extended.put("retries", message.retries());
        extended.put("queue", delivery.queue());
        return extended;
    }

    /** @param expires the result's TTL: the task's own when it sets one, else the worker's */
    private BrokerOp result(String taskId, TaskState state, JsonNode value, String traceback, Instant done,
                            String parentId, String groupId, ObjectNode extended, Duration expires) {
        return result(new ResultMeta(taskId, state, value, traceback, done, parentId, groupId, extended), expires);
    }

    private BrokerOp result(ResultMeta meta, Duration expires) {
        BrokerOp.Over over = switch (meta.status()) {
            case SUCCESS -> BrokerOp.Over.ANY;
            case FAILURE, REVOKED, RETRY -> BrokerOp.Over.ALL_BUT_SUCCESS;
            default -> BrokerOp.Over.NOTHING_READY;
        };
        return new BrokerOp.StoreResult(meta.taskId(), env.codec().jsonBytes(meta.toJson()), expires.toSeconds(), over);
    }
}
