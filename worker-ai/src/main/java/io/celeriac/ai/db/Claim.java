package io.celeriac.ai.db;

import io.celeriac.ai.model.AiTask;
import java.time.Instant;

/**
 * An occurrence claimed: its run row exists and the task has moved on to its next occurrence.
 *
 * @param task         the task after the claim (next run advanced, or completed)
 * @param runId        the run serving the occurrence
 * @param scheduledFor the occurrence
 */
public record Claim(AiTask task, long runId, Instant scheduledFor) {
}
