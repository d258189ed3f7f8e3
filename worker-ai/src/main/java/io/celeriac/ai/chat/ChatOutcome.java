package io.celeriac.ai.chat;

import io.celeriac.ai.model.AiTask;
import java.util.Optional;

/**
 * What a chat request did.
 *
 * @param reply   the assistant's answer
 * @param task    the task this request created (or had created on an earlier try)
 * @param offline true when no LLM is configured and the offline parser answered
 */
public record ChatOutcome(String reply, Optional<AiTask> task, int tokens, boolean offline) {
}
