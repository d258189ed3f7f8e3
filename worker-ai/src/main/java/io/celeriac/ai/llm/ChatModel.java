package io.celeriac.ai.llm;

import java.util.List;

/**
 * A chat model with tool calling. Throws {@link io.celeriac.ai.ProviderUnavailableException} when
 * it is busy or down (the run retries) and {@link io.celeriac.ai.ProviderRejectedException} when it
 * refuses the request (the run fails).
 */
public interface ChatModel {

    ChatReply complete(List<ChatMessage> messages, List<ToolSpec> tools);

    /** Whether the endpoint answers (for test_scheduler_connection); a short reason when it does not. */
    String problem();
}
