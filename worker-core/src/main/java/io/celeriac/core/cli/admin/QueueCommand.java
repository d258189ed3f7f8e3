package io.celeriac.core.cli.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.admin.FleetInspector;
import io.celeriac.core.admin.QueueView;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.routing.QueueNames;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac queue pause|resume|list}: pauses are fleet-wide and durable (stored in Redis and
 * announced), so one command reaches every worker, running or started later. Messages stay queued.
 */
@Command(name = "queue", mixinStandardHelpOptions = true, description = "Pause, resume or list queues (fleet-wide).",
        subcommands = {QueueCommand.Pause.class, QueueCommand.Resume.class, QueueCommand.ListQueues.class})
public final class QueueCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What pause and resume share. */
    abstract static class Change implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions options;

        @Parameters(paramLabel = "QUEUE", arity = "1..*")
        List<String> queues;

        abstract boolean pausing();

        @Override
        public Integer call() {
            queues.forEach(QueueNames::validate);
            try (Application app = options.connect()) {
                ObjectNode doc = JsonNodeFactory.instance.objectNode();
                ObjectNode changed = doc.putObject(pausing() ? "paused" : "resumed");
                PrintWriter out = spec.commandLine().getOut();
                for (String queue : queues) {
                    boolean did = app.redisBroker().pauseQueue(queue, pausing());
                    changed.put(queue, did);
                    if (!options.json()) {
                        out.println((pausing() ? "paused " : "resumed ") + queue + (did ? "" : pausing() ? " (was paused already)" : " (was not paused)"));
                    }
                }
                if (options.json()) {
                    AdminOptions.printJson(out, doc);
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Stop every worker fetching from these queues (within a second); messages stay queued.")
    static final class Pause extends Change {
        @Override
        boolean pausing() {
            return true;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Let workers fetch from these queues again.")
    static final class Resume extends Change {
        @Override
        boolean pausing() {
            return false;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every known queue: paused or not, ready messages, consumers.")
    static final class ListQueues implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions options;

        @Override
        public Integer call() {
            try (Application app = options.connect()) {
                Set<String> paused = app.redisBroker().pausedQueues();
                FleetInspector fleet = new FleetInspector(app.redisBroker(), app.codec(), app.config().queues());
                List<QueueView> views = fleet.queues(fleet.workers(app.clock().instant()));
                // a paused queue nobody declared yet is still listed: its pause waits for it
                Set<String> unseen = new TreeSet<>(paused);
                views.forEach(v -> unseen.remove(v.name()));
                PrintWriter out = spec.commandLine().getOut();
                if (options.json()) {
                    ArrayNode items = JsonNodeFactory.instance.arrayNode();
                    for (QueueView view : views) {
                        items.addObject().put("name", view.name()).put("paused", paused.contains(view.name()))
                                .put("ready", view.ready()).put("consumers", view.consumers().size());
                    }
                    unseen.forEach(q -> items.addObject().put("name", q).put("paused", true).put("ready", 0).put("consumers", 0));
                    ObjectNode doc = JsonNodeFactory.instance.objectNode();
                    doc.set("queues", items);
                    AdminOptions.printJson(out, doc);
                    return ExitCodes.OK;
                }
                Table table = new Table("QUEUE", "STATE", "READY", "CONSUMERS");
                views.forEach(v -> table.row(v.name(), paused.contains(v.name()) ? "paused" : "active",
                        v.ready(), v.consumers().size()));
                unseen.forEach(q -> table.row(q, "paused", 0, 0));
                table.print(out);
                out.flush();
                return ExitCodes.OK;
            }
        }
    }
}
