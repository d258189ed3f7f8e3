package io.celeriac.core.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.core.app.Application;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.config.Durations;
import io.celeriac.core.internal.Json;
import io.celeriac.core.message.CeleryTime;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskState;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code celeriac send TASK}: sends one task as a Celery message; prints its id, or its result with --wait. */
@Command(name = "send", mixinStandardHelpOptions = true, description = "Send a task (routed by the config unless --queue).")
public final class SendCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = Json.mapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "TASK", description = "Task name, e.g. celeriac.add")
    String task;

    @Option(names = "--args", paramLabel = "JSON", defaultValue = "[]", description = "Positional arguments as a JSON list. Default: []")
    String args;

    @Option(names = "--kwargs", paramLabel = "JSON", defaultValue = "{}", description = "Keyword arguments as a JSON object. Default: {}")
    String kwargs;

    @Option(names = {"-Q", "--queue"}, paramLabel = "QUEUE", description = "Queue; wins over the routes.")
    String queue;

    @Option(names = "--priority", paramLabel = "0-9", description = "0 is served first.")
    Integer priority;

    @Option(names = "--countdown", paramLabel = "DURATION", description = "Run no sooner than this from now (30s, 5m).")
    String countdown;

    @Option(names = "--eta", paramLabel = "ISO-8601", description = "Run no sooner than this instant.")
    String eta;

    @Option(names = "--expires", paramLabel = "DURATION", description = "Revoke instead of running when not started within this.")
    String expires;

    @Option(names = "--wait", description = "Wait for the result and print it; exit 1 if the task failed.")
    boolean waitForResult;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", description = "How long --wait waits. Default: ${DEFAULT-VALUE}")
    String timeout;

    @Override
    public Integer call() throws Exception {
        List<Object> argList = parse(args, new TypeReference<>() { }, "--args must be a JSON list");
        Map<String, Object> kwargMap = parse(kwargs, new TypeReference<>() { }, "--kwargs must be a JSON object");
        if (priority != null && (priority < 0 || priority > 9)) {
            throw new IllegalArgumentException("--priority must be between 0 and 9, got " + priority);
        }
        SendOptions options = SendOptions.defaults().queue(queue);
        if (priority != null) {
            options = options.priority(priority);
        }
        if (countdown != null) {
            options = options.countdown(Durations.parse(countdown));
        }
        if (eta != null) {
            try {
                options = options.eta(CeleryTime.parse(eta));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--eta is not an ISO-8601 time: " + eta);
            }
        }
        Duration wait = Durations.parse(timeout);
        try (Application app = connection.connect(8)) {
            if (expires != null) {
                options = options.expires(app.clock().instant().plus(Durations.parse(expires)));
            }
            AsyncResult result = app.client().send(task, argList, kwargMap, options);
            if (!waitForResult) {
                spec.commandLine().getOut().println(result.id());
                return ExitCodes.OK;
            }
            ResultMeta meta = result.await(wait);
            spec.commandLine().getOut().println(JSON.writeValueAsString(meta.toJson()));
            return meta.status() == TaskState.SUCCESS ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    private static <T> T parse(String text, TypeReference<T> type, String message) {
        try {
            T value = JSON.readValue(text, type);
            if (value == null) {
                throw new IllegalArgumentException(message + ", got null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(message + ": " + e.getOriginalMessage());
        }
    }

    static JsonNode tree(String text) throws JsonProcessingException {
        return JSON.readTree(text);
    }
}
