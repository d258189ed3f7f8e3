package io.celeriac.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.worker.WorkerControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Celery's commands that change a running worker ({@code celery control ...}), with Celery's replies. */
final class ControlCommands {
    /** Celery's rate syntax: a number of tasks, optionally per second, minute or hour. */

    private ControlCommands() {
    }

    static void register(Commands commands, ControlContext ctx) {
        WorkerControl worker = ctx.worker();
        commands.add("revoke", args -> revoke(worker, args))
                .add("shutdown", args -> {
                    worker.shutdown("Got shutdown from remote");
                    return null;
                })
                .add("add_consumer", args -> {
                    String queue = args.path("queue").asText();
                    worker.addQueue(queue);
                    return Commands.ok("add consumer " + queue);
                })
                .add("cancel_consumer", args -> {
                    String queue = args.path("queue").asText();
                    worker.cancelQueue(queue);
                    return Commands.ok("no longer consuming from " + queue);
                })
                // Celeriac's own: fleet-wide and durable, so one worker's reply is enough
                .add("pause_queue", args -> pause(ctx, args, true))
                .add("resume_queue", args -> pause(ctx, args, false))
                .add("rate_limit", args -> rateLimit(ctx, args))
                .add("time_limit", args -> timeLimit(ctx, args))
                .add("pool_grow", args -> {
                    worker.resize(worker.concurrency() + Math.max(1, args.path("n").asInt(1)));
                    return Commands.ok("pool will grow");
                })
                .add("pool_shrink", args -> {
                    worker.resize(Math.max(1, worker.concurrency() - Math.max(1, args.path("n").asInt(1))));
                    return Commands.ok("pool will shrink");
                })
                .add("autoscale", args -> {
                    int max = args.path("max").asInt(worker.concurrency());
                    int min = args.path("min").asInt(max);
                    // threads cost little on the JVM: the pool runs at the maximum
                    worker.resize(Math.max(1, max));
                    return Commands.ok("autoscale now max=" + max + " min=" + min);
                })
                .add("enable_events", args -> Commands.ok(ctx.events().taskEvents(true)
                        ? "task events enabled" : "task events already enabled"))
                .add("disable_events", args -> Commands.ok(ctx.events().taskEvents(false)
                        ? "task events disabled" : "task events already disabled"))
                .add("heartbeat", args -> {
                    ctx.beats().runOnce();
                    return null;
                })
                // Celery's worker election (used by no tool of Celery 5.2's): heard, nothing to do
                .add("election", args -> null);
    }

    private static JsonNode revoke(WorkerControl worker, ObjectNode args) {
        List<String> ids = new ArrayList<>();
        JsonNode taskId = args.path("task_id");
        if (taskId.isArray()) {
            taskId.forEach(id -> ids.add(id.asText()));
        } else if (taskId.isTextual()) {
            ids.add(taskId.asText());
        }
        if (ids.isEmpty()) {
            return Commands.error("revoke needs a task_id");
        }
        boolean terminate = args.path("terminate").asBoolean(false);
        Set<String> running = new HashSet<>();
        worker.active().forEach(task -> running.add(task.message().id()));
        List<String> terminated = new ArrayList<>();
        for (String id : ids) {
            worker.revoke(id, terminate);
            if (terminate && running.contains(id)) {
                terminated.add(id);
            }
        }
        if (terminate) {
            return Commands.ok(terminated.isEmpty() ? "terminate: tasks unknown" : "terminate: " + String.join(", ", terminated));
        }
        return Commands.ok("tasks " + String.join(", ", ids) + " flagged as revoked");
    }

    private static JsonNode pause(ControlContext ctx, ObjectNode args, boolean paused) {
        String queue = args.path("queue").asText("");
        if (queue.isBlank()) {
            return Commands.error((paused ? "pause_queue" : "resume_queue") + " needs a queue");
        }
        try {
            io.celeriac.core.routing.QueueNames.validate(queue);
        } catch (IllegalArgumentException e) {
            return Commands.error(e.getMessage());
        }
        ctx.broker().pauseQueue(queue, paused);
        return Commands.ok((paused ? "paused queue " : "resumed queue ") + queue);
    }

    private static JsonNode rateLimit(ControlContext ctx, ObjectNode args) {
        String task = args.path("task_name").asText();
        if (ctx.registry().find(task).isEmpty()) {
            return Commands.error("unknown task");
        }
        JsonNode value = args.path("rate_limit");
        String rate = value.isNull() || value.isMissingNode() ? null : value.asText().strip();
        if (rate == null || rate.isEmpty() || rate.equals("0")) {
            ctx.worker().rateLimit(task, null);
            return Commands.ok("rate limit disabled successfully");
        }
        try {
            // fleet-wide: every worker that hears the broadcast sets the same rate on the same bucket
            ctx.worker().rateLimit(task, rate);
        } catch (io.celeriac.core.flow.InvalidLimitException e) {
            return Commands.error("Invalid rate limit string: " + rate);
        }
        return Commands.ok("new rate limit set successfully");
    }

    private static JsonNode timeLimit(ControlContext ctx, ObjectNode args) {
        String task = args.path("task_name").asText();
        if (ctx.registry().find(task).isEmpty()) {
            return Commands.error("unknown task");
        }
        ctx.worker().timeLimits(task, seconds(args.path("soft")), seconds(args.path("hard")));
        return Commands.ok("time limits set successfully");
    }

    private static Duration seconds(JsonNode value) {
        return value.isNumber() || value.isTextual() && !value.asText().isBlank()
                ? Duration.ofMillis(Math.round(value.asDouble() * 1000)) : null;
    }
}
