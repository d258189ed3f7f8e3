package io.celeriac.ai.llm;

/** A tool call as stored with the run: what the model asked and what the tool answered. */
public record ToolCallRecord(String name, String arguments, String result) {
}
