package io.celeriac.sync;

import io.celeriac.core.task.TaskContext;
import io.celeriac.http.ProviderUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one sync run over every source, and what the task does about it: the counts are
 * the task's result; deferred sources make the whole task retry (sources that synced are cheap to
 * read again: a conditional request answers 304, Notion's cursor has moved on).
 */
public final class SyncReport {
    private final List<SourceOutcome> outcomes = new ArrayList<>();
    private int conflicts;

    public synchronized void add(SourceOutcome outcome) {
        outcomes.add(outcome);
    }

    public void conflicts(int flaggedEvents) {
        this.conflicts = flaggedEvents;
    }

    public synchronized List<SourceOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public int created() {
        return outcomes().stream().mapToInt(o -> o instanceof SourceOutcome.Synced s ? s.created() : 0).sum();
    }

    public int updated() {
        return outcomes().stream().mapToInt(o -> o instanceof SourceOutcome.Synced s ? s.updated() : 0).sum();
    }

    public int deleted() {
        return outcomes().stream().mapToInt(o -> o instanceof SourceOutcome.Synced s ? s.deleted() : 0).sum();
    }

    private long count(Class<? extends SourceOutcome> type) {
        return outcomes().stream().filter(type::isInstance).count();
    }

    /** The task's result: counts only, never a token, URL or event text. */
    public Map<String, Object> toResult() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sources", outcomes().size());
        result.put("synced", count(SourceOutcome.Synced.class));
        result.put("not_modified", count(SourceOutcome.NotModified.class));
        result.put("needs_attention", count(SourceOutcome.NeedsAttention.class));
        result.put("failed", count(SourceOutcome.Failed.class));
        result.put("deferred", count(SourceOutcome.Deferred.class));
        result.put("created", created());
        result.put("updated", updated());
        result.put("deleted", deleted());
        result.put("conflicts", conflicts);
        return result;
    }

    /**
     * Throws when a source asked to be tried again: a retry with the longest countdown a provider
     * asked for (429 Retry-After, an open breaker), else the failure itself, which the task's retry
     * policy retries with exponential backoff.
     */
    public void retryIfDeferred(TaskContext context) {
        Duration longest = null;
        SourceOutcome.Deferred first = null;
        for (SourceOutcome outcome : outcomes()) {
            if (outcome instanceof SourceOutcome.Deferred deferred) {
                first = first == null ? deferred : first;
                if (deferred.retryAfter() != null && (longest == null || deferred.retryAfter().compareTo(longest) > 0)) {
                    longest = deferred.retryAfter();
                }
            }
        }
        if (first == null) {
            return;
        }
        if (longest != null) {
            throw context.retry(longest, first.cause());
        }
        throw first.cause() instanceof ProviderUnavailableException unavailable
                ? unavailable : new ProviderUnavailableException("sync", first.reason(), null, false, first.cause());
    }
}
