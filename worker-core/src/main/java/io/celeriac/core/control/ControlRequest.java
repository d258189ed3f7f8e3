package io.celeriac.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One remote-control request as kombu's Mailbox broadcasts it.
 *
 * @param destination node names it is for; null for every node
 * @param pattern     a node-name pattern, read with {@code matcher} ({@code glob} by default, or {@code pcre})
 * @param ticket      null when no reply is wanted
 * @param replyTo     the reply exchange's routing key (the client's oid), or null
 */
public record ControlRequest(String method, ObjectNode arguments, List<String> destination, String pattern,
                             String matcher, String ticket, String replyTo) {

    /** Reads a request body; one without a method fails with {@link IllegalArgumentException}. */
    public static ControlRequest of(JsonNode body) {
        if (!body.isObject() || !body.path("method").isTextual()) {
            throw new IllegalArgumentException("a control request needs a method");
        }
        JsonNode args = body.path("arguments");
        List<String> destination = null;
        if (body.path("destination").isArray()) {
            destination = new ArrayList<>();
            for (JsonNode node : body.path("destination")) {
                destination.add(node.asText());
            }
        }
        JsonNode replyTo = body.path("reply_to");
        return new ControlRequest(body.path("method").asText(),
                args.isObject() ? (ObjectNode) args : JsonNodeFactory.instance.objectNode(), destination,
                text(body, "pattern"), text(body, "matcher"), text(body, "ticket"),
                replyTo.isObject() ? text(replyTo, "routing_key") : null);
    }

    /** The request as kombu writes it. */
    public ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("method", method);
        body.set("arguments", arguments);
        if (destination == null) {
            body.putNull("destination");
        } else {
            destination.forEach(body.putArray("destination")::add);
        }
        body.put("pattern", pattern);
        body.put("matcher", matcher);
        if (ticket != null) {
            body.put("ticket", ticket);
            body.putObject("reply_to").put("exchange", "reply.celery.pidbox").put("routing_key", replyTo);
        }
        return body;
    }

    /** Whether {@code node} should handle it (kombu: no destination, listed, or matching the pattern). */
    public boolean addressedTo(String node) {
        if (destination != null && !destination.isEmpty()) {
            return destination.contains(node);
        }
        return pattern == null || pattern.isEmpty() || matches(node);
    }

    private boolean matches(String node) {
        if ("pcre".equals(matcher)) {
            return Pattern.compile(pattern).matcher(node).lookingAt();
        }
        return Pattern.compile(globToRegex(pattern)).matcher(node).matches();
    }

    /** Python's fnmatch: {@code *}, {@code ?}, {@code [...]}. */
    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        regex.append("\\[");
                    } else {
                        String set = glob.substring(i + 1, end);
                        String escaped = set.replace("\\", "\\\\");
                        regex.append('[').append(escaped.startsWith("!") ? "^" + escaped.substring(1) : escaped).append(']');
                        i = end;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
