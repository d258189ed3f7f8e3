package io.celeriac.beat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.config.ConfigException;
import io.celeriac.core.config.Durations;
import io.celeriac.core.routing.QueueNames;
import io.celeriac.core.schedule.CronSchedule;
import io.celeriac.core.schedule.InvalidScheduleException;
import io.celeriac.core.schedule.IntervalSchedule;
import io.celeriac.core.schedule.Schedule;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one JSON form of an entry, used by the config's {@code beat.entries}, by Redis and by
 * {@code beat add}; so an entry is validated the same way wherever it comes from. Every error
 * names the entry and the field: {@code beat entry 'backup': cron: invalid cron expression ...}.
 *
 * <pre>
 * task: personal_assistant.workers.tasks.file_tasks.backup_user_data   (required)
 * cron: "0 1 * * SUN"          or   every: 10m                          (exactly one)
 * timezone: Europe/Paris       (default UTC)
 * args: [], kwargs: {}, options: {queue: q, priority: 0-9, expires: 1h}
 * enabled: true, misfire: run-once | skip | catch-up, catch_up_window: 1h (catch-up only; default: the beat's)
 * </pre>
 */
public final class EntryJson {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,200}");
    private static final Set<String> FIELDS = Set.of("task", "cron", "every", "timezone", "args", "kwargs", "options",
            "enabled", "misfire", "catch_up_window");
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Set<String> OPTION_FIELDS = Set.of("queue", "priority", "expires");

    private EntryJson() {
    }

    /** Validates {@code node} as entry {@code name}; throws {@link ConfigException} naming the field at fault. */
    public static BeatEntry parse(String name, JsonNode node) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfigException("beat entry '" + name + "': name must be 1-200 of letters, digits and _ . : @ -");
        }
        if (node == null || !node.isObject()) {
            throw error(name, "definition", "must be a mapping of fields (task, cron or every, ...)");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw error(name, field, "unknown field (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        String task = text(node, "task");
        if (task == null || task.isBlank()) {
            throw error(name, "task", "is required: the name of the task to send");
        }
        ZoneId zone = UTC;
        try {
            if (node.hasNonNull("timezone")) {
                zone = Schedule.zone(node.get("timezone").asText());
            }
            Schedule schedule = schedule(name, node, zone);
            return new BeatEntry(name, task.strip(), schedule, zone, args(name, node), kwargs(name, node),
                    options(name, node.path("options")), enabled(name, node), misfire(name, node), catchUpWindow(name, node));
        } catch (InvalidScheduleException e) {
            throw error(name, e.field(), e.getMessage());
        }
    }

    private static Schedule schedule(String name, JsonNode node, ZoneId zone) {
        boolean cron = node.hasNonNull("cron");
        boolean every = node.hasNonNull("every");
        if (cron == every) {
            throw error(name, cron ? "cron" : "schedule", "give exactly one of cron (\"0 2 * * *\") and every (10m)");
        }
        if (cron) {
            return Schedule.cron(node.get("cron").asText(), zone);
        }
        try {
            return Schedule.every(Durations.parse(node.get("every").asText()));
        } catch (IllegalArgumentException e) {
            throw error(name, "every", e.getMessage());
        }
    }

    private static ArrayNode args(String name, JsonNode node) {
        JsonNode args = node.path("args");
        if (args.isMissingNode() || args.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!args.isArray()) {
            throw error(name, "args", "must be a list");
        }
        return (ArrayNode) args.deepCopy();
    }

    private static ObjectNode kwargs(String name, JsonNode node) {
        JsonNode kwargs = node.path("kwargs");
        if (kwargs.isMissingNode() || kwargs.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!kwargs.isObject()) {
            throw error(name, "kwargs", "must be a mapping");
        }
        return (ObjectNode) kwargs.deepCopy();
    }

    private static EntryOptions options(String name, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return EntryOptions.NONE;
        }
        if (!node.isObject()) {
            throw error(name, "options", "must be a mapping (queue, priority, expires)");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!OPTION_FIELDS.contains(field)) {
                throw error(name, "options." + field, "unknown option (known: expires, priority, queue)");
            }
        }
        String queue = text(node, "queue");
        try {
            if (queue != null) {
                QueueNames.validate(queue);
            }
        } catch (IllegalArgumentException e) {
            throw error(name, "options.queue", e.getMessage());
        }
        Integer priority = null;
        if (node.hasNonNull("priority")) {
            JsonNode p = node.get("priority");
            if (!p.canConvertToInt() || !p.isIntegralNumber() || p.asInt() < 0 || p.asInt() > 9) {
                throw error(name, "options.priority", "must be a whole number from 0 to 9, got " + p);
            }
            priority = p.asInt();
        }
        Duration expires = null;
        if (node.hasNonNull("expires")) {
            try {
                expires = Durations.parse(node.get("expires").asText());
            } catch (IllegalArgumentException e) {
                throw error(name, "options.expires", e.getMessage());
            }
        }
        return new EntryOptions(queue, priority, expires);
    }

    private static boolean enabled(String name, JsonNode node) {
        JsonNode enabled = node.path("enabled");
        if (enabled.isMissingNode() || enabled.isNull()) {
            return true;
        }
        if (!enabled.isBoolean()) {
            throw error(name, "enabled", "must be true or false");
        }
        return enabled.booleanValue();
    }

    private static MisfirePolicy misfire(String name, JsonNode node) {
        try {
            return node.hasNonNull("misfire") ? MisfirePolicy.parse(node.get("misfire").asText()) : MisfirePolicy.RUN_ONCE;
        } catch (IllegalArgumentException e) {
            throw error(name, "misfire", e.getMessage());
        }
    }

    private static Duration catchUpWindow(String name, JsonNode node) {
        if (!node.hasNonNull("catch_up_window")) {
            return null;
        }
        Duration window;
        try {
            window = Durations.parse(node.get("catch_up_window").asText());
        } catch (IllegalArgumentException e) {
            throw error(name, "catch_up_window", e.getMessage());
        }
        if (window.isZero()) {
            throw error(name, "catch_up_window", "must be more than zero");
        }
        return window;
    }

    /** The canonical JSON of an entry: fixed field order, so equal entries give equal text. */
    public static ObjectNode toJson(BeatEntry entry) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("task", entry.task());
        switch (entry.schedule()) {
            case CronSchedule cron -> node.put("cron", cron.expression());
            case IntervalSchedule interval -> node.put("every", Durations.format(interval.period()));
        }
        node.put("timezone", entry.zone().getId());
        node.set("args", entry.args());
        node.set("kwargs", entry.kwargs());
        ObjectNode options = node.putObject("options");
        EntryOptions o = entry.options();
        if (o.queue() != null) {
            options.put("queue", o.queue());
        }
        if (o.priority() != null) {
            options.put("priority", o.priority());
        }
        if (o.expires() != null) {
            options.put("expires", Durations.format(o.expires()));
        }
        node.put("enabled", entry.enabled());
        node.put("misfire", entry.misfire().text());
        if (entry.catchUpWindow() != null) {
            node.put("catch_up_window", Durations.format(entry.catchUpWindow()));
        }
        return node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static ConfigException error(String name, String field, String message) {
        return new ConfigException("beat entry '" + name + "': " + field + ": " + message);
    }
}
