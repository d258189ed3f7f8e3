package io.celeriac.core.cli.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.admin.QueuePurger;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.routing.QueueNames;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac purge QUEUE}: deletes the queue's ready messages (all priority buckets), as
 * {@code celery purge} does; Python workers sharing the queue lose them too. In-flight messages are
 * left to the workers running them.
 */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Delete every ready message of a queue (all priority buckets). Asks first unless --yes.")
public final class PurgeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AdminOptions options;

    @Mixin
    Confirmation confirmation;

    @Parameters(index = "0", paramLabel = "QUEUE")
    String queue;

    @Option(names = "--include-delayed", description = "Also delete delayed messages (ETA, countdown, retries) bound for the queue.")
    boolean includeDelayed;

    @Override
    public Integer call() {
        QueueNames.validate(queue);
        try (Application app = options.connect()) {
            QueuePurger purger = new QueuePurger(app.broker());
            QueuePurger.Count found = purger.count(queue, includeDelayed);
            PrintWriter out = spec.commandLine().getOut();
            if (found.total() == 0) {
                return report(out, queue, found, "queue " + queue + " holds no messages; nothing purged");
            }
            Integer stop = confirmation.ask(spec.commandLine().getErr(), "Delete " + found.ready() + " ready"
                    + (includeDelayed ? " and " + found.delayed() + " delayed" : "") + " message(s) from queue " + queue + "?");
            if (stop != null) {
                return stop;
            }
            QueuePurger.Count removed = purger.purge(queue, includeDelayed);
            return report(out, queue, removed, "purged " + removed.ready() + " ready"
                    + (includeDelayed ? " and " + removed.delayed() + " delayed" : "") + " message(s) from queue " + queue);
        }
    }

    private Integer report(PrintWriter out, String queue, QueuePurger.Count removed, String text) {
        if (options.json()) {
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            doc.put("queue", queue);
            doc.put("purged", removed.total());
            doc.put("ready", removed.ready());
            doc.put("delayed", removed.delayed());
            AdminOptions.printJson(out, doc);
        } else {
            out.println(text);
            out.flush();
        }
        return ExitCodes.OK;
    }
}
