package io.celeriac.core.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.internal.NodeName;
import io.celeriac.core.message.TaskMessage;

/** A task as Celery's {@code inspect active/reserved/query_task} show it ({@code Request.info()}). */
final class RequestInfo {
    private RequestInfo() {
    }

    /**
     * @param startedMillis when it started, or negative when it has not
     */
    static ObjectNode of(TaskMessage message, String node, String queue, long startedMillis, boolean acknowledged) {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("id", message.id());
        info.put("name", message.task());
        info.set("args", message.args());
        info.set("kwargs", message.kwargs());
        info.put("type", message.task());
        info.put("hostname", node);
        if (startedMillis >= 0) {
            info.put("time_start", startedMillis / 1000.0);
        } else {
            info.putNull("time_start");
        }
        info.put("acknowledged", acknowledged);
        ObjectNode delivery = info.putObject("delivery_info");
        delivery.put("exchange", "");
        delivery.put("routing_key", message.routingKey() != null ? message.routingKey() : queue);
        delivery.put("priority", message.priority());
        delivery.putNull("redelivered");
        if (startedMillis >= 0) {
            info.put("worker_pid", NodeName.pid());
        } else {
            info.putNull("worker_pid");
        }
        return info;
    }
}
