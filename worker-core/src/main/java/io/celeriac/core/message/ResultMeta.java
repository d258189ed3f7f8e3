package io.celeriac.core.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

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
 */
public record ResultMeta(String taskId, TaskState status, JsonNode result, String traceback, Instant dateDone,
                         String parentId, String groupId, ObjectNode extended, String custom) {

    public ResultMeta(String taskId, TaskState status, JsonNode result, String traceback, Instant dateDone,
                      String parentId, String groupId, ObjectNode extended) {
        this(taskId, status, result, traceback, dateDone, parentId, groupId, extended, null);
    }

    /** A state a running task names itself: stored under that name, read back as running. */
    public static ResultMeta custom(String taskId, String state, JsonNode meta, String parentId, String groupId,
                                    ObjectNode extended) {
        return new ResultMeta(taskId, TaskState.STARTED, meta, null, null, parentId, groupId, extended, state);
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
        node.putArray("children");
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
                null, known != null ? null : state);
    }

    /** The stored exception for FAILURE, RETRY and REVOKED results. */
    public ExceptionInfo exception() {
        return result != null && result.has("exc_type") ? ExceptionInfo.fromJson(result) : null;
    }
}
