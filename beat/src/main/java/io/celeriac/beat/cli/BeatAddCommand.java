package io.celeriac.beat.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.beat.BeatEntry;
import io.celeriac.beat.EntryJson;
import io.celeriac.beat.redis.BeatStore;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.internal.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac beat add NAME --task T --cron EXPR|--every DURATION ...}: adds or replaces a
 * dynamic entry. Validated exactly like a config entry (the error names the entry and field); a
 * running beat sees it within a second.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add or replace an entry in Redis. Entries from the config file cannot be replaced (edit celeriac.yaml).")
public final class BeatAddCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = Json.mapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "NAME", description = "Entry name (letters, digits, _ . : @ -).")
    String name;

    @Option(names = "--task", paramLabel = "TASK", description = "Task name to send (required).")
    String task;

    @Option(names = "--cron", paramLabel = "EXPR", description = "5-field crontab, e.g. \"0 2 * * *\" or \"*/10 * * * MON-FRI\".")
    String cron;

    @Option(names = "--every", paramLabel = "DURATION", description = "Fixed interval (30s, 10m, 2h), on the grid of whole intervals since the epoch.")
    String every;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "IANA zone the cron is read in. Default: UTC.")
    String timezone;

    @Option(names = "--args", paramLabel = "JSON", description = "Positional arguments as a JSON list. Default: []")
    String args;

    @Option(names = "--kwargs", paramLabel = "JSON", description = "Keyword arguments as a JSON object. Default: {}")
    String kwargs;

    @Option(names = {"-Q", "--queue"}, paramLabel = "QUEUE", description = "Queue; wins over the config's routes.")
    String queue;

    @Option(names = "--priority", paramLabel = "0-9", description = "Message priority.")
    Integer priority;

    @Option(names = "--expires", paramLabel = "DURATION", description = "Revoke a message not started this long after it was sent.")
    String expires;

    @Option(names = "--misfire", paramLabel = "POLICY", description = "What to do about occurrences missed while no beat ran: "
            + "run-once (default: one message for them all), skip (none), or catch-up (each of them once, as far back as the catch-up window).")
    String misfire;

    @Option(names = "--catch-up-window", paramLabel = "DURATION", description = "With --misfire catch-up: how far back missed occurrences are sent. Default: the beat's catch_up_window (1h).")
    String catchUpWindow;

    @Option(names = "--disabled", description = "Add the entry disabled.")
    boolean disabled;

    @Override
    public Integer call() {
        BeatEntry entry = EntryJson.parse(name, definition());
        PrintWriter out = spec.commandLine().getOut();
        try (Application app = connection.connect(4)) {
            BeatStore store = BeatStore.of(app);
            BeatStore.Write result = store.upsert(entry, store.now(), BeatStore.Source.DYNAMIC);
            if (result == BeatStore.Write.REFUSED_CONFIG_ENTRY) {
                spec.commandLine().getErr().println("celeriac: beat entry '" + name
                        + "' is defined in the config file; change it there, or use beat enable/disable");
                return ExitCodes.USAGE;
            }
            out.println((result == BeatStore.Write.WRITTEN ? "saved " : "unchanged ") + name);
            store.read(name).ifPresent(stored -> EntryView.print(out, stored, 3));
            return ExitCodes.OK;
        }
    }

    private ObjectNode definition() {
        ObjectNode node = JSON.createObjectNode();
        node.put("task", task);
        if (cron != null) {
            node.put("cron", cron);
        }
        if (every != null) {
            node.put("every", every);
        }
        if (timezone != null) {
            node.put("timezone", timezone);
        }
        if (args != null) {
            node.set("args", json("args", args));
        }
        if (kwargs != null) {
            node.set("kwargs", json("kwargs", kwargs));
        }
        ObjectNode options = node.putObject("options");
        if (queue != null) {
            options.put("queue", queue);
        }
        if (priority != null) {
            options.put("priority", priority);
        }
        if (expires != null) {
            options.put("expires", expires);
        }
        if (misfire != null) {
            node.put("misfire", misfire);
        }
        if (catchUpWindow != null) {
            node.put("catch_up_window", catchUpWindow);
        }
        node.put("enabled", !disabled);
        return node;
    }

    private JsonNode json(String field, String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("beat entry '" + name + "': " + field + ": not valid JSON: " + e.getOriginalMessage());
        }
    }
}
