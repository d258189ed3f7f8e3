package io.celeriac.ai.model;

import java.time.Instant;
import java.util.Optional;

/**
 * The occurrence after a claimed one: the schedule's next instant strictly after the later of the
 * claimed occurrence and now. Starting from now is what turns downtime into one late run instead of
 * a burst of every missed slot. Max runs and the end date close the schedule.
 */
public final class NextRun {
    private NextRun() {
    }

    /**
     * @param runsAfterClaim the task's run count including the occurrence just claimed
     */
    public static Optional<Instant> after(AiTask task, Instant claimed, Instant now, int runsAfterClaim) {
        if (task.maxRuns() != null && runsAfterClaim >= task.maxRuns()) {
            return Optional.empty();
        }
        Instant from = claimed.isAfter(now) ? claimed : now;
        return task.schedule().nextAfter(from, task.zone()).filter(next -> task.endAt() == null || !next.isAfter(task.endAt()));
    }

    /** The first run of a schedule from {@code now} (also used when a paused task resumes). */
    public static Optional<Instant> first(TaskSchedule schedule, java.time.ZoneId zone, Instant now, Instant endAt) {
        Optional<Instant> next = schedule instanceof TaskSchedule.Once once
                ? Optional.of(once.at().isAfter(now) ? once.at() : now)
                : schedule.nextAfter(now, zone);
        return next.filter(at -> endAt == null || !at.isAfter(endAt));
    }
}
