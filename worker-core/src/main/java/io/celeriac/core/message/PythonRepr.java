package io.celeriac.core.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Python's {@code repr()} of JSON values, for the display-only {@code argsrepr}/{@code kwargsrepr}
 * headers that Celery's tools (flower, events, logs) show. Truncated like Celery's
 * {@code argsrepr_maxsize}.
 */
public final class PythonRepr {
    static final int MAX_LENGTH = 1024;

    private PythonRepr() {
    }

    public static String of(JsonNode node) {
        StringBuilder out = new StringBuilder();
        append(out, node);
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH - 3) + "..." : out.toString();
    }

    private static void append(StringBuilder out, JsonNode node) {
        if (out.length() > MAX_LENGTH) {
            return;
        }
        switch (node.getNodeType()) {
            case NULL, MISSING -> out.append("None");
            case BOOLEAN -> out.append(node.booleanValue() ? "True" : "False");
            case NUMBER -> out.append(node.asText());
            case STRING -> out.append('\'').append(node.textValue().replace("\\", "\\\\").replace("'", "\\'")).append('\'');
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    append(out, node.get(i));
                }
                out.append(']');
            }
            default -> {
                out.append('{');
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                boolean first = true;
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    out.append('\'').append(field.getKey()).append("': ");
                    append(out, field.getValue());
                }
                out.append('}');
            }
        }
    }
}
