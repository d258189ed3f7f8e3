package io.celeriac.core.cli.fleet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the words after a method name become its arguments, as {@code celery inspect/control} reads
 * them ({@code rate_limit TASK RATE}, {@code time_limit TASK SOFT [HARD]}, {@code revoke ID...}).
 */
final class MethodArguments {
    /** Celery's inspect methods (read-only). */
    static final List<String> INSPECT = List.of("ping", "active", "reserved", "scheduled", "registered", "stats",
            "revoked", "active_queues", "conf", "report", "query_task", "clock");
    /** Methods Celery sends without waiting for replies. */
    static final Set<String> NO_REPLY = Set.of("shutdown", "heartbeat", "election");

    private record Parameter(String name, Kind kind) {
    }

    private enum Kind { TEXT, NUMBER, INTEGER, LIST }

    private static final Map<String, List<Parameter>> PARAMETERS = Map.ofEntries(
            Map.entry("revoke", List.of(new Parameter("task_id", Kind.LIST))),
            Map.entry("rate_limit", List.of(new Parameter("task_name", Kind.TEXT), new Parameter("rate_limit", Kind.TEXT))),
            Map.entry("time_limit", List.of(new Parameter("task_name", Kind.TEXT), new Parameter("soft", Kind.NUMBER),
                    new Parameter("hard", Kind.NUMBER))),
            Map.entry("add_consumer", List.of(new Parameter("queue", Kind.TEXT), new Parameter("exchange", Kind.TEXT),
                    new Parameter("exchange_type", Kind.TEXT), new Parameter("routing_key", Kind.TEXT))),
            Map.entry("cancel_consumer", List.of(new Parameter("queue", Kind.TEXT))),
            Map.entry("pause_queue", List.of(new Parameter("queue", Kind.TEXT))),
            Map.entry("resume_queue", List.of(new Parameter("queue", Kind.TEXT))),
            Map.entry("pool_grow", List.of(new Parameter("n", Kind.INTEGER))),
            Map.entry("pool_shrink", List.of(new Parameter("n", Kind.INTEGER))),
            Map.entry("autoscale", List.of(new Parameter("max", Kind.INTEGER), new Parameter("min", Kind.INTEGER))),
            Map.entry("query_task", List.of(new Parameter("ids", Kind.LIST))),
            Map.entry("registered", List.of(new Parameter("taskinfoitems", Kind.LIST))));

    private MethodArguments() {
    }

    /** The arguments of {@code method} from the words after it; a bad number is an {@link IllegalArgumentException}. */
    static ObjectNode of(String method, List<String> words) {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode();
        List<Parameter> parameters = PARAMETERS.getOrDefault(method, List.of());
        if (words.size() > parameters.size() && (parameters.isEmpty() || parameters.getLast().kind() != Kind.LIST)) {
            throw new IllegalArgumentException(method + " takes " + (parameters.isEmpty() ? "no arguments"
                    : "at most " + parameters.size() + " argument(s): " + parameters.stream().map(Parameter::name).toList()));
        }
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            if (parameter.kind() == Kind.LIST) {
                ArrayNode list = arguments.putArray(parameter.name());
                words.subList(Math.min(i, words.size()), words.size()).forEach(list::add);
                break;
            }
            if (i >= words.size()) {
                break;
            }
            String word = words.get(i);
            try {
                switch (parameter.kind()) {
                    case NUMBER -> arguments.put(parameter.name(), Double.parseDouble(word));
                    case INTEGER -> arguments.put(parameter.name(), Integer.parseInt(word));
                    default -> arguments.put(parameter.name(), word);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(method + ": " + parameter.name() + " must be a number, got " + word);
            }
        }
        return arguments;
    }
}
