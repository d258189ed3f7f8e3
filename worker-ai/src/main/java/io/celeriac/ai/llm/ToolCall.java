package io.celeriac.ai.llm;

/** A function call the model asked for; {@code argumentsJson} is the JSON text the model wrote (may be invalid). */
public record ToolCall(String id, String name, String argumentsJson) {
}
