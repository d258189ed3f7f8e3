package io.celeriac.ai.llm;

import java.time.Duration;
import java.util.List;

/**
 * A chat model with tool calling. Throws {@link io.celeriac.http.ProviderUnavailableException} when
 * it is busy or down (the run retries) and {@link io.celeriac.ai.ProviderRejectedException} when it
 * refuses the request (the run fails).
 */
public interface ChatModel {

    ChatReply complete(List<ChatMessage> messages, List<ToolSpec> tools);

    /**
     * {@link #complete(List, List)} taking at most {@code within} (the run's time left): a model
     * that can bound a request gives up when it runs out, as if the provider were unavailable.
     */
    default ChatReply complete(List<ChatMessage> messages, List<ToolSpec> tools, Duration within) {
        return complete(messages, tools);
    }

    /** Whether the endpoint answers (for test_scheduler_connection); a short reason when it does not. */
    String problem();
}
