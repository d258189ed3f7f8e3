package io.celeriac.core.cli.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.admin.QueuePurger;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.routing.QueueNames;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac purge}: deletes the ready messages (all priority buckets) of the configured
 * queues, or of those named with {@code -Q}, minus {@code -X}, as {@code celery purge} does;
 * Python workers sharing the queues lose them too. In-flight messages are left to the workers
 * running them. Refuses what is not a queue, and always says which server and database it acts on.
 */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Delete every ready message of the configured queues (or -Q, minus -X). Asks first unless --force/--yes.")
public final class PurgeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AdminOptions options;

    @Mixin
    Confirmation confirmation;

    @Parameters(paramLabel = "QUEUE", arity = "0..*", description = "Queues to purge (same as -Q).")
    List<String> named = new ArrayList<>();

    @Option(names = {"-Q", "--queues"}, split = ",", paramLabel = "QUEUE", description = "Only these queues, comma-separated.")
    List<String> queues = new ArrayList<>();

    @Option(names = {"-X", "--exclude-queues"}, split = ",", paramLabel = "QUEUE", description = "Leave these queues alone.")
    List<String> excluded = new ArrayList<>();

    @Option(names = "--include-delayed", description = "Also delete delayed messages (ETA, countdown, retries) bound for the queues.")
    boolean includeDelayed;

    @Override
    public Integer call() {
        named.forEach(QueueNames::validate);
        queues.forEach(QueueNames::validate);
        excluded.forEach(QueueNames::validate);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Application app = options.connect()) {
            String server = options.server(app);
            boolean explicit = !named.isEmpty() || !queues.isEmpty();
            Set<String> chosen = new LinkedHashSet<>(explicit ? named : app.config().queues());
            chosen.addAll(queues);
            chosen.removeAll(excluded);
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("no queue left to purge (every one is excluded by -X)");
            }
            QueuePurger purger = new QueuePurger(app.redisBroker());
            for (String queue : chosen) {
                String refusal = purger.refusal(queue);
                if (refusal != null) {
                    err.println("celeriac: refusing to purge " + queue + " on " + server + ": " + refusal);
                    return ExitCodes.USAGE;
                }
                if (explicit && !app.config().queues().contains(queue) && !purger.exists(queue)) {
                    err.println("celeriac: no queue " + queue + " on " + server + " (not configured, nothing stored)");
                    return ExitCodes.FAILURE;
                }
            }
            Map<String, QueuePurger.Count> found = new LinkedHashMap<>();
            chosen.forEach(q -> found.put(q, purger.count(q, includeDelayed)));
            long total = found.values().stream().mapToLong(QueuePurger.Count::total).sum();
            if (total == 0) {
                return report(out, server, found, "nothing to purge in " + String.join(", ", chosen) + " on " + server);
            }
            Integer stop = confirmation.ask(err, "Delete " + describe(found) + " on " + server + "?");
            if (stop != null) {
                return stop;
            }
            Map<String, QueuePurger.Count> removed = new LinkedHashMap<>();
            chosen.forEach(q -> removed.put(q, purger.purge(q, includeDelayed)));
            return report(out, server, removed, "purged " + describe(removed) + " on " + server);
        }
    }

    private String describe(Map<String, QueuePurger.Count> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((queue, c) -> parts.add(c.ready() + " ready" + (includeDelayed ? " and " + c.delayed() + " delayed" : "")
                + " message(s) from queue " + queue));
        return String.join(", ", parts);
    }

    private Integer report(PrintWriter out, String server, Map<String, QueuePurger.Count> counts, String text) {
        if (options.json()) {
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            doc.put("server", server);
            doc.put("purged", counts.values().stream().mapToLong(QueuePurger.Count::total).sum());
            doc.put("ready", counts.values().stream().mapToLong(QueuePurger.Count::ready).sum());
            doc.put("delayed", counts.values().stream().mapToLong(QueuePurger.Count::delayed).sum());
            ArrayNode each = doc.putArray("queues");
            counts.forEach((queue, c) -> each.addObject().put("queue", queue).put("ready", c.ready()).put("delayed", c.delayed()));
            AdminOptions.printJson(out, doc);
        } else {
            out.println(text);
            out.flush();
        }
        return ExitCodes.OK;
    }
}
