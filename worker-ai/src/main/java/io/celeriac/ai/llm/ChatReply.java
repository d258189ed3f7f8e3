package io.celeriac.ai.llm;

import java.util.List;

/** The model's answer to one request: text, tool calls, or both; and the tokens the request cost. */
public record ChatReply(String content, List<ToolCall> toolCalls, int totalTokens, String finishReason) {
    public ChatReply {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }
}
