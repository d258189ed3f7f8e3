package io.celeriac.ai.tool;

import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.User;
import java.time.Instant;
import java.util.Map;

/**
 * Who and what a tool call acts for.
 *
 * @param task      the task being run; null in a chat
 * @param runId     the run; null in a chat (then send_notification is not offered)
 * @param createKey the idempotency key create_ai_task uses: one per chat request or run, so a
 *                  repeated call or a retried request finds the task made the first time
 * @param refusals  channels this run may not use, with the reason told to the model (a chat: none)
 * @param mayCreate whether create_ai_task is offered: not in runs of a task a run created
 */
public record ToolScope(User user, AiTask task, Long runId, Instant now, String createKey, Map<Channel, String> refusals,
                        boolean mayCreate) {
    public ToolScope {
        refusals = Map.copyOf(refusals);
    }

    /** A chat's scope: no run, no task. */
    public static ToolScope chat(User user, Instant now, String createKey) {
        return new ToolScope(user, null, null, now, createKey, Map.of(), true);
    }
}
