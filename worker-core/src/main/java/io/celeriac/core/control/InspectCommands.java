package io.celeriac.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.Version;
import io.celeriac.core.config.CeleryTaskConfig;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.task.TaskDefinition;
import io.celeriac.core.worker.WorkerControl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Celery's read-only commands ({@code celery inspect ...}), with the reply shapes a Python 5.2 worker
 * sends. {@code scheduled} is always empty: a Celeriac worker holds no ETA task, they wait in the
 * fleet's delayed set until due ({@code celeriac inspect scheduled} lists that set).
 */
final class InspectCommands {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private InspectCommands() {
    }

    static void register(Commands commands, ControlContext ctx) {
        WorkerControl worker = ctx.worker();
        commands.add("ping", args -> Commands.ok("pong"))
                .add("active", args -> active(ctx))
                .add("reserved", args -> reserved(ctx))
                .add("scheduled", args -> JSON.arrayNode())
                .add("registered", args -> registered(ctx, args.path("taskinfoitems")))
                .add("stats", args -> WorkerStatistics.of(ctx))
                .add("revoked", args -> {
                    ArrayNode ids = JSON.arrayNode();
                    ctx.broker().revokedAt(ctx.clock().instant()).stream().sorted().forEach(ids::add);
                    return ids;
                })
                .add("active_queues", args -> {
                    ArrayNode queues = JSON.arrayNode();
                    worker.queues().forEach(queue -> queues.add(queueInfo(queue)));
                    return queues;
                })
                .add("conf", args -> conf(ctx))
                .add("report", args -> Commands.ok(report(ctx)))
                .add("query_task", args -> queryTask(ctx, args.path("ids")))
                .add("clock", args -> JSON.objectNode().put("clock", ctx.lamport().forward()))
                .add("hello", args -> hello(ctx, args));
    }

    private static ArrayNode active(ControlContext ctx) {
        ArrayNode out = JSON.arrayNode();
        for (WorkerControl.Running running : ctx.worker().active()) {
            out.add(RequestInfo.of(running.message(), ctx.node(), running.queue(), running.startedMillis(), true));
        }
        return out;
    }

    private static ArrayNode reserved(ControlContext ctx) {
        ArrayNode out = JSON.arrayNode();
        for (TaskMessage message : ctx.worker().reserved()) {
            out.add(RequestInfo.of(message, ctx.node(), message.routingKey(), -1, false));
        }
        return out;
    }

    /** Names, sorted; with attributes asked for, {@code "name [rate_limit=10/s time_limit=30.0]"} as Celery prints. */
    private static ArrayNode registered(ControlContext ctx, JsonNode items) {
        ArrayNode out = JSON.arrayNode();
        for (String name : ctx.worker().registered().stream().sorted().toList()) {
            List<String> attrs = new ArrayList<>();
            for (JsonNode item : items) {
                String value = attribute(ctx, name, item.asText());
                if (value != null) {
                    attrs.add(item.asText() + "=" + value);
                }
            }
            out.add(attrs.isEmpty() ? name : name + " [" + String.join(" ", attrs) + "]");
        }
        return out;
    }

    private static String attribute(ControlContext ctx, String task, String attr) {
        TaskDefinition definition = ctx.registry().find(task).orElse(null);
        if (definition == null) {
            return null;
        }
        var options = definition.options();
        return switch (attr) {
            case "rate_limit" -> ctx.worker().rateLimit(task);
            case "time_limit" -> options.timeLimit() == null ? null : String.valueOf(options.timeLimit().toMillis() / 1000.0);
            case "soft_time_limit" -> options.softTimeLimit() == null ? null
                    : String.valueOf(options.softTimeLimit().toMillis() / 1000.0);
            case "max_retries" -> String.valueOf(options.retryPolicy().maxRetries());
            case "ignore_result" -> options.ignoreResult() ? "True" : "False";
            case "acks_late" -> options.ackMode() == io.celeriac.core.task.AckMode.LATE ? "True" : "False";
            case "track_started" -> options.trackStarted() || ctx.worker().tracksStarted() ? "True" : "False";
            default -> null;
        };
    }

    /** A queue as kombu describes it (Celeriac queues are kombu's default direct queues). */
    static ObjectNode queueInfo(String queue) {
        ObjectNode info = JSON.objectNode();
        info.put("name", queue);
        info.putObject("exchange").put("name", queue).put("type", "direct").putNull("arguments").put("durable", true)
                .put("passive", false).put("auto_delete", false).putNull("delivery_mode").put("no_declare", false);
        info.put("routing_key", queue);
        for (String field : List.of("queue_arguments", "binding_arguments", "consumer_arguments")) {
            info.putNull(field);
        }
        info.put("durable", true).put("exclusive", false).put("auto_delete", false).put("no_ack", false);
        info.putNull("alias");
        info.putArray("bindings");
        for (String field : List.of("no_declare", "expires", "message_ttl", "max_length", "max_length_bytes", "max_priority")) {
            info.putNull(field);
        }
        return info;
    }

    private static ObjectNode conf(ControlContext ctx) {
        ObjectNode conf = JSON.objectNode();
        conf.put("broker_url", ctx.brokerUrl().redacted());
        conf.put("result_backend", ctx.brokerUrl().redacted());
        conf.put("task_default_queue", ctx.config().defaultQueue());
        conf.put("result_expires", ctx.config().resultExpires().toSeconds());
        conf.put("result_extended", ctx.config().resultExtended());
        conf.put(CeleryTaskConfig.TASK_TRACK_STARTED, ctx.worker().tracksStarted());
        conf.put(CeleryTaskConfig.TASK_SEND_SENT_EVENT, CeleryTaskConfig.sendSentEvent(ctx.config()));
        conf.put("worker_concurrency", ctx.worker().concurrency());
        conf.put("task_serializer", "json");
        conf.putArray("accept_content").add("json");
        conf.put("enable_utc", true);
        conf.put("timezone", "UTC");
        return conf;
    }

    private static String report(ControlContext ctx) {
        return "\nsoftware -> celeriac:" + Version.VERSION + " java:" + Runtime.version() + "\n"
                + "platform -> system:" + System.getProperty("os.name") + " arch:" + System.getProperty("os.arch")
                + " kernel version:" + System.getProperty("os.version") + " imp:" + System.getProperty("java.vm.name") + "\n"
                + "settings -> transport:redis results:" + ctx.brokerUrl().redacted() + "\n\n"
                + "broker_url: '" + ctx.brokerUrl().redacted() + "'\n"
                + "task_default_queue: '" + ctx.config().defaultQueue() + "'\n";
    }

    /** {@code {id: [state, info]}} for the ids this worker holds: {@code active} or {@code reserved}. */
    private static ObjectNode queryTask(ControlContext ctx, JsonNode ids) {
        Set<String> wanted = new HashSet<>();
        if (ids.isTextual()) {
            wanted.add(ids.asText());
        }
        ids.forEach(id -> wanted.add(id.asText()));
        ObjectNode out = JSON.objectNode();
        for (WorkerControl.Running running : ctx.worker().active()) {
            if (wanted.contains(running.message().id())) {
                out.putArray(running.message().id()).add("active")
                        .add(RequestInfo.of(running.message(), ctx.node(), running.queue(), running.startedMillis(), true));
            }
        }
        for (TaskMessage message : ctx.worker().reserved()) {
            if (wanted.contains(message.id()) && !out.has(message.id())) {
                out.putArray(message.id()).add("reserved").add(RequestInfo.of(message, ctx.node(), message.routingKey(), -1, false));
            }
        }
        return out;
    }

    /**
     * Celery's mingle: a starting Python worker says hello with the revocations it knows and learns
     * ours. Ours are kept with Celery's expiry (3 h) and persisted in Redis.
     */
    private static JsonNode hello(ControlContext ctx, ObjectNode args) {
        if (ctx.node().equals(args.path("from_node").asText())) {
            return null;
        }
        args.path("revoked").fieldNames().forEachRemaining(id -> ctx.worker().revoke(id, false));
        ObjectNode reply = JSON.objectNode();
        ObjectNode revoked = reply.putObject("revoked");
        double now = ctx.clock().millis() / 1000.0;
        ctx.broker().revokedAt(ctx.clock().instant()).forEach(id -> revoked.put(id, now));
        reply.put("clock", ctx.lamport().forward());
        return reply;
    }
}
