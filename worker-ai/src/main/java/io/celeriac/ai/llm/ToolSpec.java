package io.celeriac.ai.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A tool as offered to the model: its name, what it does, and a JSON Schema of its arguments. */
public record ToolSpec(String name, String description, ObjectNode parameters) {
}
