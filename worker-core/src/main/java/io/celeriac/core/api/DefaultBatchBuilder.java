package io.celeriac.core.api;

import io.celeriac.Batch;
import io.celeriac.BatchBuilder;
import io.celeriac.Signature;
import io.celeriac.core.client.TaskClient;
import io.celeriac.core.flow.batch.Batches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Collects a batch, then opens it, adds its tasks and releases the sender's hold, in that order. */
final class DefaultBatchBuilder implements BatchBuilder {
    private final Batches batches;
    private final List<Signature<?>> tasks = new ArrayList<>();
    private String description = "";
    private Signature<?> onSuccess;
    private Signature<?> onComplete;
    private Duration keep;

    DefaultBatchBuilder(Batches batches) {
        this.batches = batches;
    }

    @Override
    public BatchBuilder description(String text) {
        this.description = Objects.requireNonNull(text, "description");
        return this;
    }

    @Override
    public BatchBuilder onSuccess(Signature<?> callback) {
        this.onSuccess = Objects.requireNonNull(callback, "onSuccess");
        return this;
    }

    @Override
    public BatchBuilder onComplete(Signature<?> callback) {
        this.onComplete = Objects.requireNonNull(callback, "onComplete");
        return this;
    }

    @Override
    public BatchBuilder keepAfterCompletion(Duration ttl) {
        this.keep = Objects.requireNonNull(ttl, "ttl");
        return this;
    }

    @Override
    public BatchBuilder add(Signature<?> task) {
        tasks.add(Objects.requireNonNull(task, "task"));
        return this;
    }

    @Override
    public Batch submit() {
        String id = batches.open(new Batches.Plan(description, request(onComplete), request(onSuccess), keep));
        DefaultBatch batch = DefaultBatch.of(id, batches);
        batch.addAll(tasks);
        // a crash before this line leaves the batch held: it never completes, and expires (Batches.OPEN_TTL)
        batches.seal(id);
        return batch;
    }

    private static TaskClient.Request request(Signature<?> signature) {
        return signature == null ? null : DefaultBatch.request(signature);
    }
}
