package io.celeriac.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.message.ExceptionInfo;
import io.celeriac.core.message.PythonRepr;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.worker.Outcome;
import io.celeriac.core.worker.TaskEvents;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns a worker's task lifecycle into Celery's task events (the fields a Python 5.2 worker sends),
 * and counts the tasks it started per name (Celery's {@code stats.total}). Runs on runner threads:
 * it only builds a small JSON object and hands it to the publisher's buffer.
 */
public final class TaskEventSource implements TaskEvents {
    private final EventPublisher publisher;
    private final Map<String, LongAdder> totals = new ConcurrentHashMap<>();

    public TaskEventSource(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** Tasks started per task name since the worker started. */
    public Map<String, Long> totals() {
        Map<String, Long> copy = new TreeMap<>();
        totals.forEach((name, count) -> copy.put(name, count.sum()));
        return copy;
    }

    @Override
    public void received(TaskMessage message, String queue) {
        if (!publisher.taskEvents()) {
            return;
        }
        ObjectNode fields = uuid(message);
        fields.put("name", message.task());
        fields.put("args", argsRepr(message));
        fields.put("kwargs", kwargsRepr(message));
        fields.put("root_id", message.rootId());
        fields.put("parent_id", message.parentId());
        fields.put("retries", message.retries());
        fields.put("eta", iso(message.eta()));
        fields.put("expires", iso(message.expires()));
        publisher.send("task-received", fields);
    }

    @Override
    public void started(TaskMessage message, String queue) {
        totals.computeIfAbsent(message.task(), name -> new LongAdder()).increment();
        if (publisher.taskEvents()) {
            publisher.send("task-started", uuid(message));
        }
    }

    @Override
    public void ended(TaskMessage message, String queue, Outcome outcome, long runtimeNanos) {
        if (message == null || !publisher.taskEvents()) {
            return;
        }
        ObjectNode fields = uuid(message);
        switch (outcome) {
            case Outcome.Succeeded succeeded -> {
                fields.put("result", succeeded.result() == null ? "None" : PythonRepr.of(succeeded.result()));
                fields.put("runtime", runtimeNanos / 1e9);
                publisher.send("task-succeeded", fields);
            }
            case Outcome.Retried retried -> {
                fields.put("exception", repr(retried.error()));
                fields.put("traceback", retried.traceback());
                publisher.send("task-retried", fields);
            }
            case Outcome.DeadLettered dead when dead.taskFailed() -> {
                fields.put("exception", repr(dead.error()));
                fields.put("traceback", dead.traceback());
                publisher.send("task-failed", fields);
            }
            case Outcome.DeadLettered dead -> {
                fields.put("requeue", false);
                publisher.send("task-rejected", fields);
            }
            case Outcome.Revoked revoked -> {
                boolean terminated = "terminated".equals(revoked.why());
                fields.put("terminated", terminated);
                if (terminated) {
                    fields.put("signum", 15);
                } else {
                    fields.putNull("signum");
                }
                fields.put("expired", "expired".equals(revoked.why()));
                publisher.send("task-revoked", fields);
            }
            default -> {
                // deferred, requeued, not held: the task has not ended, another delivery will tell
            }
        }
    }

    private static ObjectNode uuid(TaskMessage message) {
        return JsonNodeFactory.instance.objectNode().put("uuid", message.id());
    }

    /** Celery sends the sender's {@code argsrepr} (a tuple's repr); without one, the args as a tuple. */
    static String argsRepr(TaskMessage message) {
        String sent = message.argsRepr();
        if (sent != null) {
            return sent;
        }
        ArrayNode args = message.args();
        String list = PythonRepr.of(args);
        String inner = list.substring(1, list.length() - 1);
        return "(" + inner + (args.size() == 1 ? ",)" : ")");
    }

    static String kwargsRepr(TaskMessage message) {
        String sent = message.kwargsRepr();
        return sent != null ? sent : PythonRepr.of(message.kwargs());
    }

    private static String repr(ExceptionInfo error) {
        if (error == null) {
            return "None";
        }
        String message = error.message() == null ? "" : error.message();
        return error.type() + "(" + PythonRepr.of(JsonNodeFactory.instance.textNode(message)) + ")";
    }

    private static String iso(Instant time) {
        return time == null ? null : time.toString();
    }
}
