package io.celeriac.core.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An exception as Celery's JSON serializer stores it: {@code exc_type}, {@code exc_message} (the
 * exception's args as a list) and {@code exc_module}. A Java exception becomes its simple name and
 * package, which Python turns into a synthetic exception class of that name.
 */
public record ExceptionInfo(String type, String module, String message) {

    public static ExceptionInfo of(Throwable error) {
        if (error instanceof PythonException python) {
            return new ExceptionInfo(python.pythonType(), python.pythonModule(), error.getMessage() == null ? "" : error.getMessage());
        }
        Class<?> type = error.getClass();
        String module = type.getPackageName().isEmpty() ? "builtins" : type.getPackageName();
        return new ExceptionInfo(type.getSimpleName(), module, error.getMessage() == null ? "" : error.getMessage());
    }

    /** Celery's own exception classes, so Python clients raise the real thing. */
    public static ExceptionInfo celery(String type, String message) {
        return new ExceptionInfo(type, "celery.exceptions", message);
    }

    /** A Celery exception whose args are numbers (TimeLimitExceeded(0.5,)), stored as Celery stores it. */
    public static ObjectNode celeryArgs(String type, double... args) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("exc_type", type);
        var list = node.putArray("exc_message");
        for (double arg : args) {
            list.add(arg);
        }
        node.put("exc_module", "celery.exceptions");
        return node;
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("exc_type", type);
        node.putArray("exc_message").add(message);
        node.put("exc_module", module);
        return node;
    }

    /** Reads both the list form and the plain-string form of {@code exc_message}. */
    public static ExceptionInfo fromJson(JsonNode node) {
        JsonNode message = node.path("exc_message");
        String text = message.isArray()
                ? (message.isEmpty() ? "" : message.get(0).asText())
                : message.asText("");
        return new ExceptionInfo(node.path("exc_type").asText("Exception"), node.path("exc_module").asText(""), text);
    }

    @Override
    public String toString() {
        return module + "." + type + ": " + message;
    }
}
