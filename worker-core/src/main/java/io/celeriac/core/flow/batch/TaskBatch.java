package io.celeriac.core.flow.batch;

import io.celeriac.core.client.TaskClient;
import java.util.List;

/**
 * The batch of a running task, which may grow it: what it adds names it as parent. Adding happens
 * while the running task is still pending, so the batch cannot complete in between.
 */
public record TaskBatch(String id, Batches batches, String parentId, String rootId) {

    /** Adds tasks to this batch and enqueues them; returns their ids in order. */
    public List<String> add(List<TaskClient.Request> requests) {
        return batches.add(id, requests.stream().map(r -> r.options().parentId() != null ? r
                : new TaskClient.Request(r.task(), r.args(), r.kwargs(), r.options().parent(parentId, rootId))).toList());
    }
}
