package io.celeriac.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.client.TaskSentListener;
import io.celeriac.core.message.TaskMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Celery's {@code task-sent} event ({@code task_send_sent_event}), published right after the task
 * itself, as Celery's {@code send_task_message} does: one message per task on routing key
 * {@code task.sent}, named after the sending process ({@code gen<pid>@<host>}, also in a worker),
 * with the fields Celery 5.2 sends (fixture {@code 35-event-task-sent.publish.json}). A bulk send
 * publishes its events in one pipelined round trip.
 *
 * <p>The task is already in Redis when this runs: an event that cannot be published is lost and
 * logged once, the send still succeeds (Celery buffers it and does not fail the send either).
 */
public final class TaskSentEvents implements TaskSentListener {
    private static final Logger log = LoggerFactory.getLogger(TaskSentEvents.class);

    private final EventPublisher publisher;
    private final AtomicBoolean failing = new AtomicBoolean();

    /** {@code publisher} is named after the sender ({@code gen<pid>@<host>}). */
    public TaskSentEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void sent(List<Sent> messages) {
        List<ObjectNode> events = new ArrayList<>(messages.size());
        for (Sent sent : messages) {
            events.add(fields(sent.message(), sent.queue()));
        }
        try {
            publisher.publishNow("task-sent", events);
            failing.set(false);
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                log.atWarn().addKeyValue("error", e.toString()).log("could not publish task-sent events (the tasks were sent)");
            }
        }
    }

    /** Celery's fields in Celery's order; eta and expires as the message's headers carry them. */
    static ObjectNode fields(TaskMessage message, String queue) {
        ObjectNode headers = message.headers();
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("uuid", message.id());
        fields.put("root_id", message.rootId());
        fields.put("parent_id", message.parentId());
        fields.put("name", message.task());
        fields.put("args", TaskEventSource.argsRepr(message));
        fields.put("kwargs", TaskEventSource.kwargsRepr(message));
        fields.put("retries", message.retries());
        fields.set("eta", text(headers.get("eta")));
        fields.set("expires", text(headers.get("expires")));
        fields.put("queue", queue);
        // kombu's default direct exchange, routed by queue name: what Celery names for a queue it
        // sends to without an exchange of its own, and what Celeriac's messages carry
        fields.put("exchange", "");
        fields.put("routing_key", queue);
        return fields;
    }

    private static JsonNode text(JsonNode value) {
        return value == null || !value.isTextual() ? JsonNodeFactory.instance.nullNode() : value;
    }
}
