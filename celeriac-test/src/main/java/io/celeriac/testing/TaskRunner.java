package io.celeriac.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.celeriac.TaskState;
import io.celeriac.core.message.ExceptionInfo;
import io.celeriac.core.retry.RetryDecision;
import io.celeriac.core.task.Reject;
import io.celeriac.core.task.Retry;
import io.celeriac.core.task.TaskDefinition;
import io.celeriac.core.task.TaskRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs one message of an {@link EagerCeleriac} with the engine's bound task, and applies its end
 * as a worker would: the result, a retry after its countdown (the task's retry policy decides, as
 * on a worker), or the failure; then the next step of its chain or its chord's body.
 */
final class TaskRunner {
    private final EagerRuntime runtime;
    private final TaskRegistry registry;

    TaskRunner(EagerRuntime runtime, TaskRegistry registry) {
        this.runtime = runtime;
        this.registry = registry;
    }

    void run(Queued message) {
        ResultSlot slot = runtime.slot(message.id());
        Instant now = runtime.clock().instant();
        if (slot.state() == TaskState.REVOKED) {
            failed(message, ExceptionInfo.celery("TaskRevokedError", "revoked"), null);
            return;
        }
        if (message.expires() != null && now.isAfter(message.expires())) {
            ExceptionInfo expired = ExceptionInfo.celery("TaskRevokedError", "expired");
            slot.ended(TaskState.REVOKED, expired, null, now);
            failed(message, expired, null);
            return;
        }
        Optional<TaskDefinition> found = registry.find(message.task());
        if (found.isEmpty()) {
            return; // no body here (a task another service runs): it stays PENDING, its message recorded
        }
        TaskDefinition task = found.get();
        Object value;
        try {
            value = task.handler().run(new EagerContext(message, task.options().defaultRetryDelay(), runtime));
        } catch (Exception error) {
            threw(message, task, error);
            return;
        }
        JsonNode result;
        try {
            result = runtime.json().valueToTree(value);
        } catch (IllegalArgumentException e) {
            ExceptionInfo encode = ExceptionInfo.celery("EncodeError", "the task's return value cannot be stored as JSON: " + e.getMessage());
            slot.ended(TaskState.FAILURE, encode, trace(e), now);
            failed(message, encode, trace(e));
            return;
        }
        slot.succeeded(result, now);
        succeeded(message, result);
    }

    private void threw(Queued message, TaskDefinition task, Exception error) {
        Throwable cause = error instanceof Retry retry && retry.getCause() != null ? retry.getCause() : error;
        Duration countdown = error instanceof Retry retry ? retry.countdown() : null;
        RetryDecision decision = error instanceof Reject ? new RetryDecision.GiveUp("rejected")
                : task.options().retryPolicy().decide(cause, message.retries(), countdown, runtime.random());
        ResultSlot slot = runtime.slot(message.id());
        ExceptionInfo info = ExceptionInfo.of(cause);
        if (decision instanceof RetryDecision.RetryAfter after) {
            slot.retrying(info, trace(cause));
            runtime.retry(message, runtime.clock().instant().plus(after.countdown()));
            return;
        }
        slot.ended(TaskState.FAILURE, info, trace(cause), runtime.clock().instant());
        failed(message, info, trace(cause));
    }

    private void succeeded(Queued message, JsonNode result) {
        Queued.Then then = message.then();
        if (!then.chain().isEmpty()) {
            Queued.Step next = then.chain().get(0);
            runtime.send(next.signature(), next.id(), result, Queued.Then.chain(then.chain().subList(1, then.chain().size())));
        }
        if (then.chord() != null && then.chord().partSucceeded(then.chordIndex(), result)) {
            ArrayNode parts = runtime.json().createArrayNode();
            for (JsonNode part : then.chord().results()) {
                parts.add(part);
            }
            runtime.send(then.chord().body.signature(), then.chord().body.id(), parts, Queued.Then.NOTHING);
        }
    }

    /** The rest of a failed chain fails with it (as Celery 5 marks it); a failed chord part fails the body with ChordError. */
    private void failed(Queued message, ExceptionInfo error, String trace) {
        Instant now = runtime.clock().instant();
        for (Queued.Step step : message.then().chain()) {
            runtime.slot(step.id()).ended(TaskState.FAILURE, error, trace, now);
        }
        Chord chord = message.then().chord();
        if (chord != null && chord.partFailed()) {
            String text = "Dependency " + message.id() + " raised " + error.type() + "('" + error.message() + "')";
            runtime.slot(chord.body.id()).ended(TaskState.FAILURE, ExceptionInfo.celery("ChordError", text), null, now);
        }
    }

    private static String trace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
