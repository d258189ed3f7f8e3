package io.celeriac.core.cli.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.admin.FleetInspector;
import io.celeriac.core.admin.ScheduledTask;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac inspect queues|workers|active|scheduled|registered}. Celery's inspect asks live
 * workers over pub/sub; this reads Redis, so dead workers and their stuck tasks show up too.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Inspect queues, workers and tasks (read from Redis).",
        subcommands = {InspectCommand.Queues.class, InspectCommand.Workers.class, InspectCommand.Active.class,
                InspectCommand.Scheduled.class, InspectCommand.Registered.class})
public final class InspectCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The shape of every inspect subcommand: connect, read at one instant, print a table or JSON. */
    abstract static class Inspection implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions options;

        @Override
        public Integer call() {
            try (Application app = options.connect()) {
                Instant now = app.clock().instant();
                FleetInspector fleet = new FleetInspector(app.redisBroker(), app.codec(), app.config().queues());
                PrintWriter out = spec.commandLine().getOut();
                if (options.json()) {
                    AdminOptions.printJson(out, json(fleet, now));
                } else {
                    table(fleet, now).print(out);
                }
                return ExitCodes.OK;
            }
        }

        abstract Table table(FleetInspector fleet, Instant now);

        abstract ObjectNode json(FleetInspector fleet, Instant now);

        static ObjectNode doc(String field, ArrayNode items) {
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            doc.set(field, items);
            return doc;
        }
    }

    @Command(name = "queues", mixinStandardHelpOptions = true,
            description = "Every queue (config, workers, kombu bindings): depth per priority, delayed, in flight, dead letters, live consumers.")
    static final class Queues extends Inspection {
        @Override
        Table table(FleetInspector fleet, Instant now) {
            return FleetTables.queues(fleet.queues(fleet.workers(now)));
        }

        @Override
        ObjectNode json(FleetInspector fleet, Instant now) {
            return doc("queues", FleetTables.queuesJson(fleet.queues(fleet.workers(now))));
        }
    }

    @Command(name = "workers", mixinStandardHelpOptions = true, description = "Every worker, alive or dead, with its lease and counters.")
    static final class Workers extends Inspection {
        @Override
        Table table(FleetInspector fleet, Instant now) {
            return FleetTables.workers(fleet.workers(now), now);
        }

        @Override
        ObjectNode json(FleetInspector fleet, Instant now) {
            return doc("workers", FleetTables.workersJson(fleet.workers(now), now));
        }
    }

    @Command(name = "active", mixinStandardHelpOptions = true,
            description = "Tasks running now (as of each worker's last heartbeat), with worker, start time and runtime.")
    static final class Active extends Inspection {
        @Override
        Table table(FleetInspector fleet, Instant now) {
            return FleetTables.active(fleet.active(fleet.workers(now)), now);
        }

        @Override
        ObjectNode json(FleetInspector fleet, Instant now) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            fleet.active(fleet.workers(now)).forEach(t -> items.add(t.toJson(now)));
            return doc("active", items);
        }
    }

    @Command(name = "scheduled", mixinStandardHelpOptions = true,
            description = "Delayed and retrying tasks with their due times, soonest first; then Python workers' ETA tasks.")
    static final class Scheduled extends Inspection {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "Show at most N tasks. Default: ${DEFAULT-VALUE}.")
        int limit;

        @Override
        Table table(FleetInspector fleet, Instant now) {
            return FleetTables.scheduled(fleet.scheduled(limit), now);
        }

        @Override
        ObjectNode json(FleetInspector fleet, Instant now) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            List<ScheduledTask> tasks = fleet.scheduled(limit);
            tasks.forEach(t -> items.add(t.toJson()));
            return doc("scheduled", items);
        }
    }

    @Command(name = "registered", mixinStandardHelpOptions = true, description = "The task names each worker serves.")
    static final class Registered extends Inspection {
        @Override
        Table table(FleetInspector fleet, Instant now) {
            Table table = new Table("WORKER", "ALIVE", "TASK");
            for (WorkerView w : fleet.workers(now)) {
                for (String task : w.registered()) {
                    table.row(w.name(), w.alive() ? "yes" : "no", task);
                }
            }
            return table;
        }

        @Override
        ObjectNode json(FleetInspector fleet, Instant now) {
            ObjectNode workers = JsonNodeFactory.instance.objectNode();
            for (WorkerView w : fleet.workers(now)) {
                w.registered().forEach(workers.putArray(w.name())::add);
            }
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            doc.set("registered", workers);
            return doc;
        }
    }
}
