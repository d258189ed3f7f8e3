package io.celeriac.core.worker;

import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskSender;
import io.celeriac.core.message.TaskMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sender a running task uses. What it sends names the task as its parent (Celery's
 * {@code parent_id} and {@code root_id}) and is remembered as its child: the ids are stored with
 * the task's result, which is how Python's {@code AsyncResult.children} follows a task's work.
 */
final class ChildTasks implements TaskSender {
    private final TaskSender sender;
    private final TaskMessage parent;
    private final List<String> ids = new CopyOnWriteArrayList<>();

    ChildTasks(TaskSender sender, TaskMessage parent) {
        this.sender = sender;
        this.parent = parent;
    }

    @Override
    public AsyncResult send(String task, List<?> args, Map<String, ?> kwargs, SendOptions options) {
        SendOptions named = options.parentId() != null ? options
                : options.parent(parent.id(), parent.rootId() != null ? parent.rootId() : parent.id());
        AsyncResult sent = sender.send(task, args, kwargs, named);
        ids.add(sent.id());
        return sent;
    }

    /** The sender under this one (the client, or an eager sender). */
    TaskSender base() {
        return sender;
    }

    /** Tasks sent by another path (added to the task's batch), remembered as children too. */
    void remember(List<String> sent) {
        ids.addAll(sent);
    }

    /** The ids sent so far, in order. */
    List<String> ids() {
        return List.copyOf(ids);
    }
}
