package io.celeriac.core.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.celeriac.core.broker.BrokerOp;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.internal.LogSafe;
import io.celeriac.core.message.ExceptionInfo;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.result.ResultBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Celery's {@code celery.chord_unlock(group_id, callback, result=[parts...])}, run by the worker
 * itself: reads every part's result; when all are ready, starts the chord's body with their values
 * as its first argument, in the same fenced completion (so exactly once), or, when a part failed or
 * was revoked, stores FAILURE (Celery's ChordError) under the body's id and runs its errbacks. A
 * part not ready yet (a Python worker stores its result a moment after counting its part) makes
 * the unlock retry one second later, as Celery's does.
 */
final class ChordUnlock {
    /** Celery retries its unlock without limit; an hour of one-second retries is plenty for stored results. */
    static final int MAX_TRIES = 3600;

    private final ExecutionEnvironment env;
    private final OutcomeWriter writer;

    ChordUnlock(ExecutionEnvironment env, OutcomeWriter writer) {
        this.env = env;
        this.writer = writer;
    }

    Outcome run(Delivery delivery, TaskMessage message, Instant now) {
        JsonNode callback = message.args().path(1);
        JsonNode parts = message.kwargs().path("result");
        ResultBackend results = env.results();
        if (!callback.isObject() || !parts.isArray() || results == null) {
            String reason = results == null ? "this worker cannot read results: chord unlock not run"
                    : "celery.chord_unlock needs (group_id, callback) and result=[parts]";
            return writer.unrunnable(delivery, message.id(), message.task(), reason,
                    new ExceptionInfo("MalformedMessage", "celeriac", reason).toJson(), now);
        }
        ArrayNode values = JsonNodeFactory.instance.arrayNode();
        for (JsonNode part : parts) {
            String id = partId(part);
            Optional<ResultMeta> meta = id == null ? Optional.empty() : results.get(id);
            if (meta.isEmpty() || !meta.get().status().isReady()) {
                return notReady(delivery, message, now);
            }
            if (meta.get().status() != TaskState.SUCCESS) {
                return failChord(delivery, message, callback, id, meta.get(), now);
            }
            values.add(meta.get().result() == null ? JsonNodeFactory.instance.nullNode() : meta.get().result());
        }
        List<BrokerOp> ops = List.of(env.workflow().sendSignature(callback, values, message, delivery, now));
        return new Outcome.Succeeded(ops, true, null);
    }

    /** A result tuple: {@code [id, parent]} or {@code [[id, parent], nodes]} (Celery's as_tuple). */
    private static String partId(JsonNode part) {
        JsonNode head = part.isArray() ? part.path(0) : part;
        if (head.isArray()) {
            head = head.path(0);
        }
        return head.isTextual() ? head.asText() : null;
    }

    private Outcome notReady(Delivery delivery, TaskMessage message, Instant now) {
        if (message.retries() >= MAX_TRIES) {
            String reason = "chord parts still not finished after " + MAX_TRIES + " tries";
            return writer.failed(delivery, message, reason, ExceptionInfo.celery("ChordError", reason).toJson(), null, true);
        }
        Instant eta = now.plus(Duration.ofSeconds(1));
        byte[] again = env.codec().encodeBytes(io.celeriac.core.message.NewTask.retryOf(message, eta,
                io.celeriac.core.internal.Ids.uuid(env.random()), delivery.queue()));
        return writer.retried(delivery, message, again, eta, Duration.ofSeconds(1),
                ExceptionInfo.celery("Retry", "chord parts not ready").toJson(), null, true);
    }

    private Outcome failChord(Delivery delivery, TaskMessage message, JsonNode callback, String partId, ResultMeta part, Instant now) {
        ExceptionInfo cause = part.exception();
        String text = "Dependency " + partId + " raised " + (cause == null ? part.status().name()
                : cause.type() + "('" + LogSafe.of(cause.message(), 300) + "')");
        String bodyId = callback.path("options").path("task_id").asText(null);
        List<BrokerOp> ops = new ArrayList<>();
        if (bodyId != null) {
            ops.add(writer.failure(bodyId, ExceptionInfo.celery("ChordError", text).toJson(), now));
            ops.addAll(env.workflow().errbacksOf(callback, bodyId, message, delivery, now));
        }
        return new Outcome.Succeeded(ops, true, null);
    }
}
