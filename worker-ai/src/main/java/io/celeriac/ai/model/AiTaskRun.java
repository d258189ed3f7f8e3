package io.celeriac.ai.model;

import java.time.Instant;

/**
 * One run of a task: the occurrence it serves ({@code scheduledFor}, unique per task) and its outcome.
 *
 * @param toolCallsJson the tool calls made, a JSON list of {name, arguments, result}
 * @param notification  what each channel did, e.g. {@code email=sent sms=sent}
 * @param owner         the worker running (or last running) it
 * @param ownerStarted  that worker's incarnation (its start time), so a restart under the same name is told apart
 * @param answeredAt    when the model's final answer was stored; a later attempt only notifies
 */
public record AiTaskRun(long id, long taskId, Instant scheduledFor, RunStatus status, int attempts, Instant claimedAt,
                        Instant startedAt, Instant finishedAt, String output, String toolCallsJson, int tokensUsed,
                        String error, String notification, String owner, String ownerStarted, Instant answeredAt) {

    public boolean answered() {
        return answeredAt != null;
    }
}
