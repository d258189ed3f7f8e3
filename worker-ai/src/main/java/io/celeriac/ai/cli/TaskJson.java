package io.celeriac.ai.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.Notification;
import io.celeriac.ai.model.TaskSchedule;
import java.time.Instant;
import java.util.List;

/**
 * The {@code --json} form of tasks and runs, for scripts: one JSON document on stdout, instants
 * in UTC (ISO-8601) beside their local time. Contact details are not included (they are personal).
 */
final class TaskJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TaskJson() {
    }

    static ObjectNode task(AiTask t) {
        ObjectNode o = JSON.objectNode();
        o.put("id", t.id());
        o.put("user_id", t.userId());
        o.put("title", t.title());
        o.put("prompt", t.prompt());
        o.put("kind", t.kind().dbName());
        o.put("status", t.status().dbName());
        ObjectNode schedule = o.putObject("schedule");
        schedule.put("type", t.schedule().type());
        schedule.put("text", t.schedule().describe());
        switch (t.schedule()) {
            case TaskSchedule.Once once -> schedule.put("at", once.at().toString());
            case TaskSchedule.Cron cron -> schedule.put("cron", cron.expression());
            case TaskSchedule.Every every -> schedule.put("every_seconds", every.period().toSeconds());
        }
        o.put("timezone", t.zone().getId());
        instant(o, "next_run_at", t.nextRunAt());
        o.put("next_run_local", t.nextRunAt() == null ? null : t.nextRunAt().atZone(t.zone()).toLocalDateTime().toString());
        instant(o, "last_run_at", t.lastRunAt());
        ArrayNode channels = o.putArray("channels");
        t.channels().stream().sorted().map(Channel::dbName).forEach(channels::add);
        o.put("run_count", t.runCount());
        if (t.maxRuns() == null) {
            o.putNull("max_runs");
        } else {
            o.put("max_runs", t.maxRuns());
        }
        instant(o, "end_at", t.endAt());
        instant(o, "created_at", t.createdAt());
        if (t.createdByRun() == null) {
            o.putNull("created_by_run");
        } else {
            o.put("created_by_run", t.createdByRun());
        }
        return o;
    }

    static ArrayNode tasks(List<AiTask> tasks) {
        ArrayNode out = JSON.arrayNode();
        tasks.forEach(t -> out.add(task(t)));
        return out;
    }

    static ObjectNode run(AiTaskRun r, List<Notification> notifications) {
        ObjectNode o = JSON.objectNode();
        o.put("id", r.id());
        o.put("task_id", r.taskId());
        instant(o, "scheduled_for", r.scheduledFor());
        o.put("status", r.status().dbName());
        o.put("attempts", r.attempts());
        instant(o, "claimed_at", r.claimedAt());
        instant(o, "started_at", r.startedAt());
        instant(o, "finished_at", r.finishedAt());
        instant(o, "answered_at", r.answeredAt());
        o.put("owner", r.owner());
        o.put("output", r.output());
        o.put("tokens_used", r.tokensUsed());
        o.put("error", r.error());
        ObjectNode channels = o.putObject("notifications");
        for (Notification n : notifications) {
            ObjectNode c = channels.putObject(n.channel().dbName());
            c.put("status", n.status().dbName());
            c.put("attempts", n.attempts());
            c.put("provider_ref", n.providerRef());
            c.put("detail", n.detail());
        }
        return o;
    }

    private static void instant(ObjectNode o, String field, Instant at) {
        if (at == null) {
            o.putNull(field);
        } else {
            o.put(field, at.toString());
        }
    }
}
