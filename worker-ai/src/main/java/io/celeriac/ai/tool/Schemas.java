package io.celeriac.ai.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Small JSON Schema builders for tool parameters, and the check of a call's arguments against them. */
final class Schemas {
    private Schemas() {
    }

    static ObjectNode object(ObjectMapper json) {
        ObjectNode schema = json.createObjectNode();
        schema.put("type", "object");
        schema.putObject("properties");
        schema.putArray("required");
        schema.put("additionalProperties", false);
        return schema;
    }

    static void property(ObjectNode schema, String name, String type, String description) {
        ObjectNode p = ((ObjectNode) schema.get("properties")).putObject(name);
        p.put("type", type);
        p.put("description", description);
        if (type.equals("array")) {
            p.putObject("items").put("type", "string");
        }
    }

    static void required(ObjectNode schema, String... names) {
        for (String name : names) {
            ((ArrayNode) schema.get("required")).add(name);
        }
    }

    /**
     * What is wrong with {@code arguments} under {@code schema}, one line per problem (empty: nothing):
     * an argument the tool does not read, a missing required one, one of the wrong type. An
     * {@code array} of strings may also be given as one comma-separated string, and an
     * {@code integer} as a string of digits, as models often write them.
     */
    static List<String> problems(ObjectNode schema, JsonNode arguments) {
        List<String> out = new ArrayList<>();
        JsonNode properties = schema.path("properties");
        if (!properties.isObject()) {
            return out;   // a free-form tool: nothing to check against
        }
        for (Iterator<String> it = arguments.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!properties.has(name)) {
                List<String> known = new ArrayList<>();
                properties.fieldNames().forEachRemaining(known::add);
                out.add(name + ": unknown argument (known: " + String.join(", ", known) + ")");
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!arguments.hasNonNull(required.asText())) {
                out.add(required.asText() + ": is required");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode value = arguments.get(p.getKey());
            if (value == null || value.isNull()) {
                continue;
            }
            String type = p.getValue().path("type").asText();
            boolean ok = switch (type) {
                case "string" -> value.isTextual();
                case "integer" -> value.isIntegralNumber() || value.isTextual() && value.asText().strip().matches("-?\\d{1,9}");
                case "array" -> value.isTextual() || value.isArray() && allText(value);
                default -> true;
            };
            if (!ok) {
                out.add(p.getKey() + ": must be " + (type.equals("integer") ? "a whole number" : type.equals("array")
                        ? "a list of strings" : "a string") + ", got " + shorten(value.toString()));
            }
        }
        return out;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** A string, or an array of strings joined by commas ("sms,email" and ["sms","email"] both work). */
    static String list(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder();
            node.forEach(n -> out.append(out.isEmpty() ? "" : ",").append(n.asText()));
            return out.toString();
        }
        return node.asText();
    }

    static String text(JsonNode args, String field) {
        JsonNode node = args.path(field);
        return node.isMissingNode() || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }

    /** A whole number already checked by {@link #problems}, or null when absent. */
    static Integer integer(JsonNode args, String field) {
        JsonNode node = args.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isTextual() ? Integer.parseInt(node.asText().strip()) : node.asInt();
    }
}
