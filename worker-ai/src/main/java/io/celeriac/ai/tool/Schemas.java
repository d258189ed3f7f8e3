package io.celeriac.ai.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small JSON Schema builders for tool parameters. */
final class Schemas {
    private Schemas() {
    }

    static ObjectNode object(ObjectMapper json) {
        ObjectNode schema = json.createObjectNode();
        schema.put("type", "object");
        schema.putObject("properties");
        schema.putArray("required");
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
            ((com.fasterxml.jackson.databind.node.ArrayNode) schema.get("required")).add(name);
        }
    }

    /** A string, or an array of strings joined by commas ("sms,email" and ["sms","email"] both work). */
    static String list(com.fasterxml.jackson.databind.JsonNode node) {
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

    static String text(com.fasterxml.jackson.databind.JsonNode args, String field) {
        com.fasterxml.jackson.databind.JsonNode node = args.path(field);
        return node.isMissingNode() || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }
}
