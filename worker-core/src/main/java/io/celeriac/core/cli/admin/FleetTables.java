package io.celeriac.core.cli.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.celeriac.core.admin.QueueView;
import io.celeriac.core.admin.RunningTask;
import io.celeriac.core.admin.ScheduledTask;
import io.celeriac.core.admin.WorkerView;
import java.time.Instant;
import java.util.List;

/** The tables and JSON arrays {@code status} and {@code inspect} share. */
final class FleetTables {
    private FleetTables() {
    }

    static Table workers(List<WorkerView> workers, Instant now) {
        Table table = new Table("WORKER", "STATE", "HOST", "PID", "VERSION", "QUEUES", "CONCURRENCY", "LAST HEARTBEAT", "PROCESSED", "ACTIVE");
        for (WorkerView w : workers) {
            table.row(w.name(), !w.alive() ? "DEAD" : w.state().equals(WorkerView.MISSING)
                            ? "MISSING (no beat; lease ends " + Show.relative(w.leaseExpiry(), now) + ")" : "alive (" + w.state() + ")", w.host(), w.pid(), w.version(),
                    String.join(",", w.queues()), w.concurrency(), Show.relative(w.lastHeartbeat(), now),
                    w.counters().get("processed"), w.counters().get("active"));
        }
        return table;
    }

    static Table queues(List<QueueView> queues) {
        Table table = new Table("QUEUE", "READY", "P0", "P3", "P6", "P9", "DELAYED", "IN FLIGHT", "PY UNACKED", "DEAD", "CONSUMERS");
        for (QueueView q : queues) {
            table.row(q.name(), q.ready(), q.depth().get(0), q.depth().get(3), q.depth().get(6), q.depth().get(9),
                    q.delayed(), q.inflight(), q.unacked(), q.dead(),
                    q.consumers().isEmpty() ? "none" : String.join(",", q.consumers()));
        }
        return table;
    }

    static Table active(List<RunningTask> tasks, Instant now) {
        Table table = new Table("TASK ID", "NAME", "QUEUE", "WORKER", "STARTED", "RUNTIME");
        for (RunningTask t : tasks) {
            table.row(t.id(), t.name(), t.queue(), t.workerAlive() ? t.worker() : t.worker() + " (DEAD: awaiting lease recovery)",
                    Show.time(t.started()), Show.duration(t.runtime(now)));
        }
        return table;
    }

    static Table scheduled(List<ScheduledTask> tasks, Instant now) {
        Table table = new Table("TASK ID", "NAME", "QUEUE", "KIND", "RETRIES", "DUE", "IN", "HELD BY");
        for (ScheduledTask t : tasks) {
            table.row(t.id(), t.name(), t.queue(), t.kind(), t.retries(), Show.time(t.due()), Show.relative(t.due(), now), t.heldBy());
        }
        return table;
    }

    static ArrayNode workersJson(List<WorkerView> workers, Instant now) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        workers.forEach(w -> array.add(w.toJson(now)));
        return array;
    }

    static ArrayNode queuesJson(List<QueueView> queues) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        queues.forEach(q -> array.add(q.toJson()));
        return array;
    }
}
