/**
 * The model side of a run: the Chat Completions vocabulary ({@link io.celeriac.ai.llm.ChatMessage},
 * {@link io.celeriac.ai.llm.ToolCall}), the {@link io.celeriac.ai.llm.ChatModel} port (its HTTP
 * adapter is in {@code io.celeriac.ai.http}), the tool-calling {@link io.celeriac.ai.llm.AgentLoop}
 * and the {@link io.celeriac.ai.llm.OfflineResponder} used when no model is configured.
 */
package io.celeriac.ai.llm;
