package io.celeriac.ai.model;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

/**
 * A user's AI task as stored.
 *
 * @param nextRunAt the occurrence to claim next; null when nothing is left to run
 * @param lastRunAt the occurrence claimed last
 * @param maxRuns   stop after this many runs, or null
 * @param endAt     no run after this instant, or null
 * @param createdByRun the run whose create_ai_task call made it, or null (its runs cannot create tasks)
 */
public record AiTask(long id, long userId, String title, String prompt, TaskKind kind, TaskSchedule schedule,
                     ZoneId zone, Instant nextRunAt, Instant lastRunAt, TaskStatus status, Set<Channel> channels,
                     int runCount, Integer maxRuns, Instant endAt, String idempotencyKey, Instant createdAt,
                     Instant updatedAt, Long createdByRun) {
    public AiTask {
        channels = Set.copyOf(channels);
    }
}
