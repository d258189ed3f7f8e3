package io.celeriac.ai.model;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

/** A validated task about to be stored: every field checked, the first run computed. */
public record TaskDraft(long userId, String title, String prompt, TaskKind kind, TaskSchedule schedule, ZoneId zone,
                        Instant firstRun, Set<Channel> channels, Integer maxRuns, Instant endAt, String idempotencyKey, Long createdByRun) {
    public TaskDraft {
        channels = Set.copyOf(channels);
    }
}
