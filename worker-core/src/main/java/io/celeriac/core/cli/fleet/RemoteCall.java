package io.celeriac.core.cli.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.control.Broadcast;
import io.celeriac.core.control.RemoteControl;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Sends one remote-control method and prints the replies as {@code celery inspect/control} does. */
final class RemoteCall {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RemoteCall() {
    }

    static int run(RemoteOptions options, String method, ObjectNode arguments, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        try (Application app = options.connect()) {
            Broadcast broadcast = new Broadcast(RemoteControl.fanout(app), app.clock(), app.random());
            if (MethodArguments.NO_REPLY.contains(method)) {
                broadcast.cast(method, arguments, options.destination);
                out.println(method + " sent" + (options.destination == null ? "" : " to " + String.join(", ", options.destination)));
                out.flush();
                return ExitCodes.OK;
            }
            int expected = options.destination == null ? 0 : options.destination.size();
            Map<String, JsonNode> replies = broadcast.call(method, arguments, options.destination, options.timeout(), expected);
            if (replies.isEmpty()) {
                err.println("Error: No nodes replied within time constraint");
                err.flush();
                return ExitCodes.FAILURE;
            }
            print(replies, options.json, out);
            return ExitCodes.OK;
        }
    }

    private static void print(Map<String, JsonNode> replies, boolean json, PrintWriter out) {
        try {
            if (json) {
                out.println(JSON.writeValueAsString(replies));
            } else {
                for (Map.Entry<String, JsonNode> reply : replies.entrySet()) {
                    JsonNode value = reply.getValue();
                    boolean error = value.has("error");
                    out.println("->  " + reply.getKey() + ": " + (error ? "ERROR" : "OK"));
                    String text = value.has("ok") && value.size() == 1 ? value.path("ok").asText()
                            : error ? value.path("error").asText()
                            : value.isArray() && value.isEmpty() ? "- empty -"
                            : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
                    text.lines().forEach(line -> out.println("        " + line));
                }
                out.println();
                out.println(replies.size() + " node" + (replies.size() == 1 ? "" : "s") + " online.");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print a reply", e);
        }
        out.flush();
    }

    static List<String> orEmpty(List<String> words) {
        return words == null ? List.of() : words;
    }
}
