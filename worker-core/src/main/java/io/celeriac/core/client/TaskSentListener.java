package io.celeriac.core.client;

import io.celeriac.core.message.TaskMessage;
import java.util.List;

/**
 * Told of the task messages a {@link TaskClient} has just published, in the order sent: where
 * Celery's {@code task-sent} event hooks in ({@code task_send_sent_event}). Runs on the sending
 * thread after the messages are in Redis, so it must be quick and must not throw.
 */
public interface TaskSentListener {

    /** One published message and the queue it went to. */
    record Sent(TaskMessage message, String queue) {
    }

    void sent(List<Sent> messages);

    TaskSentListener NONE = messages -> { };
}
