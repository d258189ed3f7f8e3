package io.celeriac.core.cli.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.config.Durations;
import io.celeriac.core.control.RemoteControl;
import io.celeriac.core.events.EventReceiver;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac events}: the fleet's Celery events (Python and Celeriac workers) as they happen,
 * one line each; {@code --dump} prints each event's JSON, as {@code celery events --dump} does.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Print the fleet's Celery events live (workers of both languages); --dump prints them raw.")
public final class EventsCommand implements Callable<Integer> {
    /** Shown by the line view before the other fields. */
    private static final Set<String> HEAD = Set.of("hostname", "timestamp", "type", "uuid", "name", "local_received");

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--dump", description = "Print every event as JSON, one per line.")
    boolean dump;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop after this long (for scripts). Default: until interrupted.")
    String duration;

    @Override
    public Integer call() throws Exception {
        Duration limit = duration == null ? null : Durations.parse(duration);
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch forever = new CountDownLatch(1);
        try (Application app = connection.connect(2);
             EventReceiver receiver = EventReceiver.listen(RemoteControl.fanout(app), event -> print(event, out))) {
            if (!dump) {
                out.println("-> celeriac events: listening (Ctrl-C to stop)");
                out.flush();
            }
            if (limit == null) {
                forever.await();
            } else {
                forever.await(limit.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return ExitCodes.OK;
    }

    private void print(ObjectNode event, PrintWriter out) {
        synchronized (out) {
            out.println(dump ? event.toString() : line(event));
            out.flush();
        }
    }

    /** {@code host [time] type: uuid name field=value ...}, like {@code celery events --dump}'s text. */
    static String line(ObjectNode event) {
        StringBuilder line = new StringBuilder();
        line.append(event.path("hostname").asText()).append(" [")
                .append(Instant.ofEpochMilli((long) (event.path("timestamp").asDouble() * 1000))).append("] ")
                .append(event.path("type").asText().replace('-', ' ')).append(':');
        if (event.has("uuid")) {
            line.append(' ').append(event.path("name").asText("")).append('(').append(event.path("uuid").asText()).append(')');
        }
        Iterator<Map.Entry<String, JsonNode>> fields = event.fields();
        String separator = " ";
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!HEAD.contains(field.getKey())) {
                JsonNode value = field.getValue();
                line.append(separator).append(field.getKey()).append('=').append(value.isTextual() ? value.asText() : value.toString());
                separator = ", ";
            }
        }
        return line.toString();
    }
}
