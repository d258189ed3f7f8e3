package io.celeriac.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The commands a worker's mailbox answers, by Celery's names. A command that is not there answers
 * {@code {"error": "No such control command: <name>"}}; one that fails answers {@code {"error": ...}}
 * like Celery, and the mailbox keeps going.
 */
public final class Commands {

    /** One command: its reply (a JSON value), or null when Celery sends none ({@code shutdown}, {@code heartbeat}). */
    @FunctionalInterface
    public interface Command {
        JsonNode run(ObjectNode arguments) throws Exception;
    }

    private final Map<String, Command> table = new TreeMap<>();

    /** Every inspect and control command, acting on {@code context}. */
    public static Commands of(ControlContext context) {
        Commands commands = new Commands();
        InspectCommands.register(commands, context);
        ControlCommands.register(commands, context);
        return commands;
    }

    Commands add(String name, Command command) {
        table.put(name, command);
        return this;
    }

    public Set<String> names() {
        return table.keySet();
    }

    /** Runs a request's method; never throws. */
    public JsonNode dispatch(ControlRequest request) {
        Command command = table.get(request.method());
        if (command == null) {
            return error("No such control command: " + request.method());
        }
        try {
            return command.run(request.arguments());
        } catch (Exception e) {
            return error(e.getClass().getSimpleName() + "(" + quote(e.getMessage()) + ")");
        }
    }

    static ObjectNode ok(String text) {
        return JsonNodeFactory.instance.objectNode().put("ok", text);
    }

    static ObjectNode error(String text) {
        return JsonNodeFactory.instance.objectNode().put("error", text);
    }

    private static String quote(String message) {
        return message == null ? "" : "'" + message.replace("'", "\\'") + "'";
    }
}
