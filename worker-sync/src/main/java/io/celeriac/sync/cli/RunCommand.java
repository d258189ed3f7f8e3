package io.celeriac.sync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.ResultTimeoutException;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.config.Durations;
import io.celeriac.core.internal.Json;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskState;
import io.celeriac.db.Database;
import io.celeriac.sync.SyncTasks;
import io.celeriac.sync.db.SourceCatalog;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac sync run}: sends the sync task(s) through the normal client, routed like any
 * send (to {@code sync_tasks}), so a worker runs them with its retries and breakers; prints the
 * task ids, or with {@code --wait} each task's counts. Exit 1 when a waited task did not succeed.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Sync now: send sync_calendar_events and/or sync_notion_pages (for one user or everyone) to the workers.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--user", paramLabel = "ID", description = "Only this user's sources. Default: everyone's.")
    Long user;

    @Option(names = "--calendar", description = "Only calendar feeds. Default: both kinds.")
    boolean calendar;

    @Option(names = "--notion", description = "Only Notion integrations. Default: both kinds.")
    boolean notion;

    @Option(names = "--wait", description = "Wait for the results and print them; exit 1 if a task failed.")
    boolean waitForResult;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", description = "How long --wait waits for each task. Default: ${DEFAULT-VALUE}")
    String timeout;

    @Option(names = "--json", description = "Print one JSON array (task, task_id, and with --wait status and result).")
    boolean json;

    @Override
    public Integer call() {
        Duration wait = Durations.parse(timeout);
        List<String> tasks = new ArrayList<>();
        if (calendar || !notion) {
            tasks.add(SyncTasks.SYNC_CALENDAR_EVENTS);
        }
        if (notion || !calendar) {
            tasks.add(SyncTasks.SYNC_NOTION_PAGES);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Application app = connection.connect(4)) {
            if (user != null && !new SourceCatalog(Database.of(app)).userExists(user)) {
                spec.commandLine().getErr().println("celeriac: user: no user with id " + user);
                return ExitCodes.USAGE;
            }
            Map<String, Object> kwargs = user == null ? Map.of() : Map.of("user_id", user);
            List<Map.Entry<String, AsyncResult>> sent = new ArrayList<>();
            for (String task : tasks) {
                sent.add(Map.entry(task, app.client().send(task, List.of(), kwargs, SendOptions.defaults())));
            }
            return report(sent, wait, out);
        } finally {
            out.flush();
        }
    }

    private int report(List<Map.Entry<String, AsyncResult>> sent, Duration wait, PrintWriter out) {
        ArrayNode array = Json.mapper().createArrayNode();
        int code = ExitCodes.OK;
        for (Map.Entry<String, AsyncResult> entry : sent) {
            String name = entry.getKey().substring(SyncTasks.PREFIX.length());
            ObjectNode node = array.addObject().put("task", name).put("task_id", entry.getValue().id());
            if (!waitForResult) {
                if (!json) {
                    out.println("sent " + name + " " + entry.getValue().id());
                }
                continue;
            }
            ResultMeta meta;
            try {
                meta = entry.getValue().await(wait);
            } catch (ResultTimeoutException e) {
                spec.commandLine().getErr().println("celeriac: " + name + " " + entry.getValue().id() + ": no result within "
                        + timeout + " (is a worker consuming sync_tasks?)");
                return ExitCodes.FAILURE;
            }
            node.put("status", meta.status().name()).set("result", meta.result());
            code = meta.status() == TaskState.SUCCESS ? code : ExitCodes.FAILURE;
            if (!json) {
                out.println(name + " " + meta.status() + " " + text(meta));
            }
        }
        if (json) {
            try {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(array));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON", e);
            }
        }
        return code;
    }

    /** The counts as {@code sources=1 synced=1 ...}; a failure's stored exception as it is. */
    private static String text(ResultMeta meta) {
        if (meta.status() != TaskState.SUCCESS || meta.result() == null || !meta.result().isObject()) {
            return String.valueOf(meta.result());
        }
        StringBuilder line = new StringBuilder();
        meta.result().fields().forEachRemaining(f ->
                line.append(line.isEmpty() ? "" : " ").append(f.getKey()).append('=').append(f.getValue().asText()));
        return line.toString();
    }
}
