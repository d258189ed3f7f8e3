package io.celeriac.core.cli.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.admin.ClusterFleetInspector;
import io.celeriac.core.admin.FleetInspector;
import io.celeriac.core.broker.redis.ClusterBroker;
import io.celeriac.core.admin.QueueView;
import io.celeriac.core.admin.WorkerView;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ExitCodes;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code celeriac status}: every worker (alive or dead) and every queue's numbers, read from Redis. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Workers (alive or dead, last heartbeat, tasks processed) and queues (depth per priority, delayed, in flight, dead letters, consumers).")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AdminOptions options;

    @Override
    public Integer call() {
        try (Application app = options.connect()) {
            Instant now = app.clock().instant();
            List<WorkerView> workers;
            List<QueueView> queues;
            if (app.cluster()) {
                ClusterFleetInspector fleet = new ClusterFleetInspector((ClusterBroker) app.broker(), app.config().queues());
                workers = fleet.workers(now);
                queues = fleet.queues(workers);
            } else {
                FleetInspector fleet = new FleetInspector(app.redisBroker(), app.codec(), app.config().queues());
                workers = fleet.workers(now);
                queues = fleet.queues(workers);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (options.json()) {
                ObjectNode doc = JsonNodeFactory.instance.objectNode();
                doc.put("now", now.toString());
                doc.set("workers", FleetTables.workersJson(workers, now));
                doc.set("queues", FleetTables.queuesJson(queues));
                AdminOptions.printJson(out, doc);
                return ExitCodes.OK;
            }
            long alive = workers.stream().filter(WorkerView::alive).count();
            out.printf("Workers: %d alive, %d dead%n", alive, workers.size() - alive);
            if (!workers.isEmpty()) {
                FleetTables.workers(workers, now).print(out);
            }
            out.println();
            out.println("Queues:");
            FleetTables.queues(queues).print(out);
            out.flush();
            return ExitCodes.OK;
        }
    }
}
