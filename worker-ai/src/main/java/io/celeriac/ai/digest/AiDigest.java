package io.celeriac.ai.digest;

import io.celeriac.ai.db.RunStore;
import io.celeriac.ai.db.TaskStore;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.NextRun;
import io.celeriac.core.digest.DigestContributor;
import io.celeriac.core.digest.DigestSection;
import io.celeriac.core.task.ModuleContext;
import io.celeriac.db.Database;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The daily summary's AI sections: yesterday's runs and today's upcoming runs, in the user's zone. */
public final class AiDigest implements DigestContributor {
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");
    private static final int MAX_PER_TASK = 24;

    @Override
    public List<DigestSection> sections(long userId, LocalDate day, ZoneId zone, ModuleContext context) {
        RunStore runs = new RunStore(Database.of(context));
        TaskStore tasks = new TaskStore(Database.of(context));
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<DigestSection> out = new ArrayList<>();

        List<String> yesterday = runs.forUserBetween(userId, day.minusDays(1).atStartOfDay(zone).toInstant(), dayStart).stream()
                .map(r -> HM.format(r.run().scheduledFor().atZone(zone)) + " " + r.title() + ": " + r.run().status().dbName()
                        + (r.run().error() == null ? "" : " (" + r.run().error() + ")"))
                .toList();
        if (!yesterday.isEmpty()) {
            out.add(new DigestSection("Yesterday's AI task runs", 100, yesterday));
        }

        List<String> upcoming = new ArrayList<>();
        for (AiTask task : tasks.activeDueBefore(userId, dayEnd)) {
            Instant next = task.nextRunAt().isBefore(dayStart) ? dayStart : task.nextRunAt();
            Instant cursor = task.nextRunAt();
            for (int i = 0; i < MAX_PER_TASK && cursor != null && cursor.isBefore(dayEnd); i++) {
                if (!cursor.isBefore(next)) {
                    upcoming.add(HM.format(cursor.atZone(zone)) + " " + task.title());
                }
                // the claim's own rule, so max runs and the end date hide runs that will not happen
                cursor = NextRun.after(task, cursor, cursor, task.runCount() + i + 1).orElse(null);
            }
        }
        upcoming.sort(null);
        if (!upcoming.isEmpty()) {
            out.add(new DigestSection("Today's upcoming tasks", 101, upcoming));
        }
        return out;
    }
}
