package io.celeriac.ai.cli;

import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.Channel;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Text output of tasks and runs; times in the task's zone. */
final class TaskView {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TaskView() {
    }

    static void table(PrintWriter out, List<AiTask> tasks) {
        if (tasks.isEmpty()) {
            out.println("no AI tasks");
            return;
        }
        // columns as wide as their widest cell: the schedule is never cut; only the last (title) is shortened
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"ID", "USER", "STATUS", "SCHEDULE", "NEXT RUN (LOCAL)", "TITLE"});
        for (AiTask t : tasks) {
            rows.add(new String[] {Long.toString(t.id()), Long.toString(t.userId()), t.status().dbName(),
                    t.schedule().describe(), local(t.nextRunAt(), t.zone()), shorten(t.title(), 60)});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    static void detail(PrintWriter out, AiTask t) {
        out.println("task " + t.id() + ": " + t.title());
        out.println("  user:       " + t.userId());
        out.println("  status:     " + t.status().dbName());
        out.println("  kind:       " + t.kind().dbName());
        out.println("  schedule:   " + t.schedule().describe() + " (" + t.zone().getId() + ")");
        out.println("  next run:   " + local(t.nextRunAt(), t.zone()) + (t.nextRunAt() == null ? "" : " = " + t.nextRunAt()));
        out.println("  last run:   " + local(t.lastRunAt(), t.zone()));
        out.println("  runs:       " + t.runCount() + (t.maxRuns() == null ? "" : " of at most " + t.maxRuns()));
        if (t.endAt() != null) {
            out.println("  until:      " + local(t.endAt(), t.zone()));
        }
        out.println("  notify:     " + Channel.format(t.channels()));
        out.println("  prompt:     " + t.prompt());
    }

    static void runs(PrintWriter out, AiTask task, List<AiTaskRun> runs) {
        if (runs.isEmpty()) {
            out.println("no runs of task " + task.id());
            return;
        }
        for (AiTaskRun r : runs) {
            out.printf("run %d  %s  %-9s attempts=%d tokens=%d notify=%s%n", r.id(), local(r.scheduledFor(), task.zone()),
                    r.status().dbName(), r.attempts(), r.tokensUsed(), r.notification() == null ? "-" : r.notification());
            if (r.output() != null) {
                out.println("    output: " + shorten(r.output().replace('\n', ' '), 200));
            }
            if (r.error() != null) {
                out.println("    error:  " + r.error());
            }
        }
    }

    static String local(Instant instant, ZoneId zone) {
        return instant == null ? "-" : LOCAL.format(instant.atZone(zone)) + " " + zone.getId();
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
