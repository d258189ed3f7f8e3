package io.celeriac.ai.llm;

import java.util.List;

/**
 * One message of a conversation in the Chat Completions shape.
 *
 * @param role       system, user, assistant or tool
 * @param content    text; null for an assistant message that only calls tools
 * @param toolCalls  the assistant's tool calls (empty otherwise)
 * @param toolCallId for a tool message: the call it answers
 */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls, String toolCallId) {
    public ChatMessage {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ChatMessage system(String text) {
        return new ChatMessage("system", text, List.of(), null);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage("user", text, List.of(), null);
    }

    public static ChatMessage assistant(String text, List<ToolCall> calls) {
        return new ChatMessage("assistant", text, calls, null);
    }

    public static ChatMessage tool(String callId, String result) {
        return new ChatMessage("tool", result, List.of(), callId);
    }
}
