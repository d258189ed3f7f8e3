package io.celeriac.dashboard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.admin.WorkerView;
import io.celeriac.core.broker.TaskCounters;
import io.celeriac.dashboard.pages.OverviewPage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the pages update in place: a flat map from a live key (the {@code data-live} attribute of
 * the element showing it) to the text to show. The pages render the same keys and the same
 * formatting on load, so a value read live looks like a value read with the page.
 *
 * <p>One sample reads the worker hashes, the queues' LLENs, ZCARD of the delayed set, LLEN of the
 * dead letters, one LINDEX per non-empty queue and one MGET of the day's per-minute counters
 * (whose last hour also redraws the overview's per-minute chart).
 */
public final class LiveSnapshot {
    private LiveSnapshot() {
    }

    public static String queueKey(String queue, String field) {
        return "queue:" + field + ":" + queue;
    }

    public static String workerKey(String worker, String field) {
        return "worker:" + field + ":" + worker;
    }

    public static String workersOnline(List<WorkerView> workers) {
        return workers.stream().filter(WorkerView::alive).count() + " of " + workers.size();
    }

    public static String heartbeatAge(WorkerView w, Instant now) {
        return w.lastHeartbeat() == null ? "" : OverviewPage.age(Math.max(0, Duration.between(w.lastHeartbeat(), now).toMillis()));
    }

    /** Takes one sample. */
    public static ObjectNode sample(Fleet fleet) {
        Instant now = fleet.clock().instant();
        List<WorkerView> workers = fleet.inspector().workers(now);
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("sampled_at", now.toString());
        ObjectNode values = doc.putObject("values");
        values.put("workers_online", workersOnline(workers));
        values.put("delayed", String.valueOf(fleet.keyspace().size(fleet.keys().delayed())));
        values.put("dead_letters", String.valueOf(
                fleet.keyspace().lengths(List.of(fleet.keys().dead())).getOrDefault(fleet.keys().dead(), 0L)));
        TaskHistory.Series day = fleet.history().lastMinutes(now, 24 * 60);
        TaskCounters.ALL.forEach(c -> values.put("total:" + c, String.valueOf(day.total(c))));
        // the overview's last-hour chart, redrawn from this: the day's last 60 minutes, already read
        ObjectNode hour = doc.putObject("last_hour");
        int minutes = day.counts().get(TaskCounters.PROCESSED).length;
        hour.put("first_minute_epoch_s", (day.firstMinute() + minutes - 60) * 60).put("step_s", 60);
        day.counts().forEach((counter, counts) -> {
            var line = hour.putArray(counter);
            for (int m = minutes - 60; m < minutes; m++) {
                line.add(counts[m]);
            }
        });
        fleet.inspector().depths(workers).forEach((queue, depth) -> {
            long ready = depth.values().stream().mapToLong(Long::longValue).sum();
            Instant oldest = ready == 0 ? null : fleet.heads().oldestSent(queue);
            values.put(queueKey(queue, "ready"), String.valueOf(ready));
            values.put(queueKey(queue, "oldest"), oldestText(ready, oldest, now));
        });
        for (WorkerView w : workers) {
            values.put(workerKey(w.name(), "state"), w.state());
            values.put(workerKey(w.name(), "concurrency"), String.valueOf(w.concurrency()));
            values.put(workerKey(w.name(), "heartbeat"), heartbeatAge(w, now));
            values.put(workerKey(w.name(), "processed"), String.valueOf(w.counters().getOrDefault("processed", 0L)));
            values.put(workerKey(w.name(), "failed"), String.valueOf(w.counters().getOrDefault("failed", 0L)));
            values.put(workerKey(w.name(), "running"), String.valueOf(w.running().size()));
        }
        return doc;
    }

    /** The overview's "oldest waiting" cell. */
    public static String oldestText(long ready, Instant oldest, Instant now) {
        if (oldest == null) {
            return ready > 0 ? "unknown" : "";
        }
        return OverviewPage.age(Math.max(0, Duration.between(oldest, now).toMillis()));
    }
}
