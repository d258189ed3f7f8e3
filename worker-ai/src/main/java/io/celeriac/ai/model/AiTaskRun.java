package io.celeriac.ai.model;

import java.time.Instant;

/**
 * One run of a task: the occurrence it serves ({@code scheduledFor}, unique per task) and its outcome.
 *
 * @param toolCallsJson the tool calls made, a JSON list of {name, arguments, result}
 * @param notification  what each channel did, e.g. {@code sms=sent email=queued}
 */
public record AiTaskRun(long id, long taskId, Instant scheduledFor, RunStatus status, int attempts, Instant claimedAt,
                        Instant startedAt, Instant finishedAt, String output, String toolCallsJson, int tokensUsed,
                        String error, String notification) {
}
