package io.celeriac.core.cli.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.admin.Revocations;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.config.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac revoke TASK_ID...}: workers skip the tasks and store REVOKED; with
 * {@code --terminate} a running one is interrupted. Like {@code celery control revoke} it does not
 * ask: it names the tasks one by one and only stops them from running.
 */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revoke tasks: workers skip them and store REVOKED; --terminate also interrupts them if running.")
public final class RevokeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AdminOptions options;

    @Parameters(paramLabel = "TASK_ID", arity = "1..*")
    List<String> taskIds;

    @Option(names = "--terminate", description = "Also interrupt the task if a worker is running it.")
    boolean terminate;

    @Option(names = "--keep", paramLabel = "DURATION", defaultValue = "1d",
            description = "How long the revocation is kept (extended past the due time of a delayed task). Default: ${DEFAULT-VALUE}.")
    String keep;

    @Override
    public Integer call() {
        Duration minimum = Durations.parse(keep);
        try (Application app = options.connect()) {
            Instant now = app.clock().instant();
            Revocations revocations = new Revocations(app.redisBroker());
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            ObjectNode kept = doc.putObject("keep_until");
            for (String id : taskIds) {
                Instant until = revocations.keepUntil(id, now, minimum);
                revocations.revoke(id, until, terminate, now);
                kept.put(id, until.toString());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (options.json()) {
                doc.put("revoked", taskIds.size());
                doc.put("terminate", terminate);
                AdminOptions.printJson(out, doc);
            } else {
                kept.fields().forEachRemaining(f -> out.println("revoked " + f.getKey() + " until " + Show.time(Instant.parse(f.getValue().asText()))
                        + (terminate ? " (terminate signal sent)" : "")));
                out.println("revoked " + taskIds.size() + " task(s)");
                out.flush();
            }
            return ExitCodes.OK;
        }
    }
}
