package io.celeriac.core.api;

import io.celeriac.Batch;
import io.celeriac.BatchStatus;
import io.celeriac.Signature;
import io.celeriac.core.client.TaskClient;
import io.celeriac.core.flow.batch.BatchClosedException;
import io.celeriac.core.flow.batch.BatchProgress;
import io.celeriac.core.flow.batch.Batches;
import io.celeriac.core.flow.batch.TaskBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The public {@link Batch} over the engine's {@link Batches}: as its sender holds it, or as a running task of it does. */
final class DefaultBatch implements Batch {
    /** Tasks go to the store in slices of this many: each slice is one script, of bounded size. */
    static final int SLICE = 500;

    private final String id;
    private final Batches batches;
    private final Function<List<TaskClient.Request>, List<String>> adder;

    private DefaultBatch(String id, Batches batches, Function<List<TaskClient.Request>, List<String>> adder) {
        this.id = id;
        this.batches = batches;
        this.adder = adder;
    }

    static DefaultBatch of(String id, Batches batches) {
        return new DefaultBatch(Batches.checkId(id), batches, requests -> batches.add(id, requests));
    }

    /** The batch of a running task: what it adds names the task as its parent. */
    static DefaultBatch of(TaskBatch batch) {
        return new DefaultBatch(batch.id(), batch.batches(), batch::add);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<BatchStatus> status() {
        return batches.progress(id).map(DefaultBatch::status);
    }

    static BatchStatus status(BatchProgress p) {
        return new BatchStatus(p.id(), p.description(), p.total(), p.pending(), p.succeeded(), p.failed(), p.createdAt(),
                p.completedAt(), p.succeededAt());
    }

    @Override
    public List<String> addAll(List<? extends Signature<?>> tasks) {
        List<TaskClient.Request> requests = tasks.stream().map(DefaultBatch::request).toList();
        List<String> ids = new ArrayList<>(requests.size());
        try {
            for (int from = 0; from < requests.size(); from += SLICE) {
                ids.addAll(adder.apply(requests.subList(from, Math.min(requests.size(), from + SLICE))));
            }
        } catch (BatchClosedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return ids;
    }

    static TaskClient.Request request(Signature<?> signature) {
        return new TaskClient.Request(signature.task(), signature.args(), signature.kwargs(),
                DefaultCeleriac.sendOptions(signature.options()));
    }
}
