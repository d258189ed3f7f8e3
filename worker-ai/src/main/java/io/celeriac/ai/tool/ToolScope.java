package io.celeriac.ai.tool;

import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.User;
import java.time.Instant;

/**
 * Who and what a tool call acts for.
 *
 * @param task      the task being run; null in a chat
 * @param runId     the run; null in a chat (then send_notification is not offered)
 * @param createKey the idempotency key create_ai_task uses: one per chat request or run, so a
 *                  repeated call or a retried request finds the task made the first time
 */
public record ToolScope(User user, AiTask task, Long runId, Instant now, String createKey) {
}
