package io.celeriac.ai.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool the model may call. Modules add tools through {@link AiToolProvider}. {@link #invoke}
 * returns text for the model; invalid arguments throw {@link io.celeriac.ai.InvalidAiTaskException}
 * or IllegalArgumentException (the model reads the message and may correct itself); provider
 * failures propagate and decide the run's fate.
 */
public interface AiTool {

    String name();

    String description();

    /** JSON Schema of the arguments object. */
    ObjectNode parameters();

    /** Whether the tool is offered in this scope (send_notification needs a run). */
    default boolean availableIn(ToolScope scope) {
        return true;
    }

    String invoke(JsonNode arguments, ToolScope scope);
}
