package io.celeriac.ai.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.ai.model.AiTask;

/** list_ai_tasks: the user's tasks (newest first), so the model can avoid duplicates and answer questions. */
final class ListAiTasksTool implements AiTool {
    private static final int LIMIT = 20;
    private final ToolServices services;

    ListAiTasksTool(ToolServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "list_ai_tasks";
    }

    @Override
    public String description() {
        return "List the user's scheduled tasks (id, title, schedule, next run in local time, status).";
    }

    @Override
    public ObjectNode parameters() {
        ObjectNode s = Schemas.object(services.json());
        Schemas.property(s, "status", "string", "Only tasks in this status: active, paused, completed, failed, cancelled");
        return s;
    }

    @Override
    public String invoke(JsonNode arguments, ToolScope scope) {
        String status = Schemas.text(arguments, "status");
        ArrayNode out = services.json().createArrayNode();
        for (AiTask task : services.tasks().list(scope.user().id(), LIMIT)) {
            if (status != null && !task.status().dbName().equalsIgnoreCase(status.strip())) {
                continue;
            }
            ObjectNode t = out.addObject();
            t.put("id", task.id());
            t.put("title", task.title());
            t.put("schedule", task.schedule().describe());
            t.put("status", task.status().dbName());
            if (task.nextRunAt() != null) {
                t.put("next_run_local", task.nextRunAt().atZone(task.zone()).toLocalDateTime().toString());
            }
        }
        return out.toString();
    }
}
