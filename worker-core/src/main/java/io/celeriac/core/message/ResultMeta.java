package io.celeriac.core.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The value stored at {@code celery-task-meta-<id>} (PROTOCOL.md 3.2).
 *
 * @param result    the return value (SUCCESS), the encoded exception (FAILURE, RETRY, REVOKED), or
 *                  {@code {"pid", "hostname"}} (STARTED)
 * @param dateDone  set for ready states only
 * @param extended  name, args, kwargs, worker, retries, queue when result_extended is on; may be null
 * @param custom    a state a running task named itself ({@code update_state}, e.g. PROGRESS), null
 *                  for Celery's own: {@code status} is then STARTED (running, not ready) and the
 *                  name is kept as written
 * @param children  the ids of the tasks it sent (its workflow's next steps included), stored as
 *                  Celery stores {@code AsyncResult.children}: {@code [[id, null], null]} each
 */
public record ResultMeta(String taskId, TaskState status, JsonNode result, String traceback, Instant dateDone,
                         String parentId, String groupId, ObjectNode extended, String custom, List<String> children) {

    public ResultMeta {
        children = children == null ? List.of() : List.copyOf(children);
    }

    public ResultMeta(String taskId, TaskState status, JsonNode result, String traceback, Instant dateDone,
                      String parentId, String groupId, ObjectNode extended) {
        this(taskId, status, result, traceback, dateDone, parentId, groupId, extended, null, List.of());
    }

    /** A state a running task names itself: stored under that name, read back as running. */
    public static ResultMeta custom(String taskId, String state, JsonNode meta, String parentId, String groupId,
                                    ObjectNode extended) {
        return new ResultMeta(taskId, TaskState.STARTED, meta, null, null, parentId, groupId, extended, state, List.of());
    }

    /** The state's name as stored: Celery's, or the task's own. */
    public String state() {
        return custom != null ? custom : status.name();
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("status", state());
        node.set("result", result == null ? JsonNodeFactory.instance.nullNode() : result);
        node.put("traceback", traceback);
        ArrayNode sent = node.putArray("children");
        for (String child : children) {
            // AsyncResult.as_tuple(): ((id, parent tuple or None), None)
            ArrayNode tuple = sent.addArray();
            tuple.addArray().add(child).addNull();
            tuple.addNull();
        }
        if (dateDone == null) {
            node.putNull("date_done");
        } else {
            node.put("date_done", CeleryTime.format(dateDone));
        }
        if (parentId != null) {
            node.put("parent_id", parentId);
        }
        if (groupId != null) {
            node.put("group_id", groupId);
        }
        if (extended != null) {
            node.setAll(extended);
        }
        node.put("task_id", taskId);
        return node;
    }

    public static ResultMeta fromJson(JsonNode node) {
        String dateDone = node.path("date_done").isTextual() ? node.get("date_done").asText() : null;
        String state = node.path("status").asText("PENDING");
        TaskState known = TaskState.named(state);
        return new ResultMeta(node.path("task_id").asText(null),
                known != null ? known : TaskState.STARTED,
                node.get("result"),
                node.path("traceback").isTextual() ? node.get("traceback").asText() : null,
                dateDone == null ? null : CeleryTime.parse(dateDone),
                node.path("parent_id").isTextual() ? node.get("parent_id").asText() : null,
                node.path("group_id").isTextual() ? node.get("group_id").asText() : null,
                null, known != null ? null : state, childIds(node.path("children")));
    }

    /** The ids in Celery's children tuples ({@code [[id, parent], None]}, or a group's {@code [[id, None], [...]]}). */
    private static List<String> childIds(JsonNode children) {
        List<String> ids = new ArrayList<>();
        for (JsonNode child : children) {
            JsonNode id = child.path(0).path(0);
            if (id.isTextual()) {
                ids.add(id.asText());
            }
        }
        return ids;
    }

    /** The stored exception for FAILURE, RETRY and REVOKED results. */
    public ExceptionInfo exception() {
        return result != null && result.has("exc_type") ? ExceptionInfo.fromJson(result) : null;
    }
}
