package io.celeriac.core.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.flow.FlowStore;
import io.celeriac.core.internal.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac limits}: the fleet's rate and concurrency limits as the workers running under
 * them published them at start (and on {@code control rate_limit}), with what each is doing now:
 * slots held, tasks waiting in the delayed set on a reserved token, time to the next free token,
 * tasks held back since the limit was first used. A per-key limit has a bucket per key: only its
 * throttle count is shown.
 */
@Command(name = "limits", mixinStandardHelpOptions = true,
        description = "List the fleet-wide rate and concurrency limits with their current state.")
public final class LimitsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AdminOptions options;

    @Override
    public Integer call() throws Exception {
        try (Application app = options.connect()) {
            List<FlowStore.LimitState> states = app.broker().flowStore().states(app.clock().millis());
            PrintWriter out = spec.commandLine().getOut();
            if (options.json()) {
                ArrayNode limits = JsonNodeFactory.instance.arrayNode();
                for (FlowStore.LimitState state : states) {
                    ObjectNode limit = limits.addObject().put("name", state.name());
                    limit.setAll((ObjectNode) Json.mapper().readTree(state.definition()));
                    if (state.running() >= 0) {
                        limit.put("running", state.running()).put("waiting", state.reserved()).put("next_token_ms", state.nextTokenMillis());
                    }
                    limit.put("throttled", state.throttled());
                }
                ObjectNode doc = JsonNodeFactory.instance.objectNode();
                doc.set("limits", limits);
                AdminOptions.printJson(out, doc);
                return ExitCodes.OK;
            }
            if (states.isEmpty()) {
                out.println("no limits published (workers publish the limits of their tasks when they start)");
                out.flush();
                return ExitCodes.OK;
            }
            Table table = new Table("LIMIT", "RATE", "CONCURRENCY", "KEY", "TASKS", "RUNNING", "WAITING", "NEXT TOKEN", "THROTTLED");
            for (FlowStore.LimitState state : states) {
                JsonNode definition = Json.mapper().readTree(state.definition());
                boolean keyed = state.running() < 0;
                table.row(state.name(), text(definition, "rate"), definition.has("concurrency") ? definition.path("concurrency").asInt() : null,
                        text(definition, "key"), String.join(",", tasks(definition)),
                        keyed ? null : state.running(), keyed ? null : state.reserved(),
                        keyed || !definition.has("rate") ? null : state.nextTokenMillis() + " ms", state.throttled());
            }
            table.print(out);
            out.flush();
            return ExitCodes.OK;
        }
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.path(field).asText() : null;
    }

    private static List<String> tasks(JsonNode definition) {
        List<String> names = new java.util.ArrayList<>();
        definition.path("tasks").forEach(t -> names.add(t.asText()));
        return names;
    }
}
