package io.celeriac.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.routing.QueueNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What requeue looks at before it puts a message back: whether it can (a workflow step kept as
 * its signature is not a message, and pushing it makes the worker dead-letter it again, linked to
 * nothing), and whether it should (the task already succeeded, or a worker is running it now).
 */
final class RequeueChecks {
    private final Keyspace redis;
    private final RedisKeys keys;
    private final Envelopes envelopes;
    private Set<String> inFlight;

    RequeueChecks(Keyspace redis, RedisKeys keys, Envelopes envelopes) {
        this.redis = redis;
        this.keys = keys;
        this.envelopes = envelopes;
    }

    /** Why this entry cannot be requeued, or null when it can. */
    String refusal(DeadLetterEntry entry) {
        if (entry == null) {
            return "not a Celeriac dead letter";
        }
        if (entry.queue() == null || entry.queue().isEmpty() || entry.raw().length == 0) {
            return "the entry names no queue or holds no message";
        }
        try {
            QueueNames.validate(entry.queue());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (entry.queue().startsWith(keys.prefix()) || keys.queueList(entry.queue(), 0).equals(keys.dead())) {
            return "queue " + entry.queue() + " is one of Celeriac's internal keys";
        }
        if (envelopes.decode(entry.raw()) == null && isSignature(entry.raw())) {
            return "a workflow step kept as its signature, not a message: requeue cannot rebuild its workflow "
                    + "(see it with 'dead show'; send the step again from its workflow)";
        }
        return null;
    }

    /** The list a requeued message goes to: its queue's bucket for its priority. */
    String target(DeadLetterEntry entry) {
        TaskMessage message = envelopes.decode(entry.raw());
        return keys.queueList(entry.queue(), message == null ? 0 : message.priority());
    }

    /** A Celery signature ({@code {"task": ..., "options": ...}}) rather than a protocol message. */
    private boolean isSignature(byte[] raw) {
        try {
            JsonNode node = envelopes.codec().json().readTree(raw);
            return node != null && node.isObject() && node.has("task") && !node.has("body") && !node.has("headers");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Of {@code taskIds}, those whose stored result is SUCCESS (one MGET). */
    Set<String> succeeded(List<String> taskIds) {
        Set<String> done = new HashSet<>();
        if (taskIds.isEmpty()) {
            return done;
        }
        List<byte[]> values = redis.values(taskIds.stream().map(keys::result).toList());
        for (int i = 0; i < values.size(); i++) {
            byte[] value = values.get(i);
            if (value != null && statusOf(value).equals("SUCCESS")) {
                done.add(taskIds.get(i));
            }
        }
        return done;
    }

    /** Whether a worker holds this task now (read once per command: in-flight lists are short). */
    boolean inFlight(String taskId) {
        if (inFlight == null) {
            inFlight = readInFlight();
        }
        return taskId != null && inFlight.contains(taskId);
    }

    private Set<String> readInFlight() {
        Set<String> ids = new HashSet<>();
        redis.forEachKey(keys.inflightPattern(), list -> redis.forEachInList(list, (index, raw) -> {
            TaskMessage message = envelopes.decode(raw);
            if (message != null) {
                ids.add(message.id());
            }
        }));
        return ids;
    }

    private String statusOf(byte[] value) {
        try {
            return envelopes.codec().json().readTree(value).path("status").asText("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
