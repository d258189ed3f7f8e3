package io.celeriac.ai.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.ai.db.TaskStore;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.service.TaskRequest;

/**
 * create_ai_task. Every call in one scope uses the scope's idempotency key, so a model repeating
 * the call (or a retried chat request) gets the first task back, marked {@code "created": false}:
 * one task per chat request or run at most. Its schema lists every argument it reads; bad ones
 * (and the limits: tasks per user, the shortest interval, the furthest date) come back to the
 * model as errors. Not offered in runs of a task a run created, so tasks cannot multiply themselves.
 */
final class CreateAiTaskTool implements AiTool {
    private final ToolServices services;

    CreateAiTaskTool(ToolServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "create_ai_task";
    }

    @Override
    public String description() {
        return "Create one scheduled task for the user: a reminder or an instruction the assistant carries out when due, "
                + "then notifies the user. Give exactly one of at, in, cron, every. Call it once per request.";
    }

    @Override
    public ObjectNode parameters() {
        ObjectNode s = Schemas.object(services.json());
        Schemas.property(s, "title", "string", "Short title");
        Schemas.property(s, "prompt", "string", "What the assistant should do or remind about when the task runs");
        Schemas.property(s, "at", "string", "Local date-time in the user's zone, e.g. 2026-12-01T09:00");
        Schemas.property(s, "in", "string", "Delay from now, e.g. 5m, 2h, 1d");
        Schemas.property(s, "cron", "string", "5-field cron in the user's zone, e.g. '0 8 * * MON-FRI'");
        Schemas.property(s, "every", "string", "Fixed interval, e.g. 2h");
        Schemas.property(s, "timezone", "string", "IANA zone; default: the user's");
        Schemas.property(s, "notify", "array", "Channels: sms, email; default: the user's preferences");
        Schemas.property(s, "kind", "string", "reminder, automated or periodic");
        Schemas.property(s, "max_runs", "integer", "Recurring tasks: stop after this many runs");
        Schemas.property(s, "until", "string", "Recurring tasks: no run after this local date-time, e.g. 2026-12-31T23:59");
        Schemas.required(s, "prompt");
        return s;
    }

    @Override
    public boolean availableIn(ToolScope scope) {
        return scope.mayCreate();
    }

    @Override
    public String invoke(JsonNode a, ToolScope scope) {
        TaskRequest request = new TaskRequest(scope.user().id(), Schemas.text(a, "title"), Schemas.text(a, "prompt"),
                Schemas.text(a, "kind"), Schemas.text(a, "at"), Schemas.text(a, "in"), Schemas.text(a, "cron"),
                Schemas.text(a, "every"), Schemas.text(a, "timezone"), Schemas.list(a.get("notify")),
                Schemas.integer(a, "max_runs"), Schemas.text(a, "until"), scope.createKey(), scope.runId());
        TaskStore.Created created = services.tasks().create(request);
        AiTask task = created.task();
        ObjectNode out = services.json().createObjectNode();
        out.put("task_id", task.id());
        out.put("created", created.created());
        if (!created.created()) {
            out.put("note", "this request already created this task; no new task was made");
        }
        out.put("title", task.title());
        out.put("schedule", task.schedule().describe());
        out.put("timezone", task.zone().getId());
        if (task.nextRunAt() != null) {
            out.put("next_run_local", task.nextRunAt().atZone(task.zone()).toLocalDateTime().toString());
        }
        out.put("status", task.status().dbName());
        return out.toString();
    }
}
