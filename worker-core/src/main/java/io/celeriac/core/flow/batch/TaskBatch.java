package io.celeriac.core.flow.batch;

import io.celeriac.core.client.TaskClient;
import java.util.List;
import java.util.function.Consumer;

/**
 * The batch of a running task, which may grow it: what it adds names it as parent, and is told to
 * {@code added} (the task's children, stored with its result). Adding happens while the running
 * task is still pending, so the batch cannot complete in between.
 */
public record TaskBatch(String id, Batches batches, String parentId, String rootId, Consumer<List<String>> added) {

    /** Adds tasks to this batch and enqueues them; returns their ids in order. */
    public List<String> add(List<TaskClient.Request> requests) {
        List<String> ids = batches.add(id, requests.stream().map(r -> r.options().parentId() != null ? r
                : new TaskClient.Request(r.task(), r.args(), r.kwargs(), r.options().parent(parentId, rootId))).toList());
        added.accept(ids);
        return ids;
    }
}
