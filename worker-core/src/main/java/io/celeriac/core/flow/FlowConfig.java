package io.celeriac.core.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.config.ConfigException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Limits from the config file, checked when it is loaded (a bad one is a {@link ConfigException}:
 * the CLI exits 2). Two sections:
 * <pre>
 * flow_limits:              # Celeriac's own: shared, keyed, concurrency
 *   llm-api:                # the limit's (bucket's) name
 *     tasks: [ai.chat, ai.summarise]
 *     rate: 100/m           # Celery's syntax
 *     burst: 1              # tokens at once after a quiet spell (default 1, as Celery)
 *     key: tenant           # a bucket per value of this argument (or args[0])
 *     concurrency: 3        # at most 3 running at once (per key with a key)
 * task_annotations:         # Celery's: {task: {rate_limit: ...}}
 *   tasks.add: {rate_limit: 10/s}
 * </pre>
 */
public final class FlowConfig {
    public static final String FLOW_LIMITS = "flow_limits";
    public static final String TASK_ANNOTATIONS = "task_annotations";
    private static final Set<String> FIELDS = Set.of("tasks", "rate", "burst", "key", "concurrency");

    /** A configured limit and the task names it applies to. */
    public record Configured(FlowLimit limit, List<String> tasks) {
    }

    private FlowConfig() {
    }

    /** Every configured limit; throws {@link ConfigException} naming the bad key. */
    public static List<Configured> read(AppConfig config) {
        List<Configured> limits = new ArrayList<>();
        JsonNode flow = config.section(FLOW_LIMITS);
        for (Iterator<Map.Entry<String, JsonNode>> it = fields(flow, FLOW_LIMITS); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String where = FLOW_LIMITS + "." + entry.getKey();
            try {
                limits.add(limit(entry.getKey(), entry.getValue(), where));
            } catch (InvalidLimitException e) {
                throw new ConfigException(where + ": " + e.getMessage(), e);
            }
        }
        JsonNode annotations = config.section(TASK_ANNOTATIONS);
        for (Iterator<Map.Entry<String, JsonNode>> it = fields(annotations, TASK_ANNOTATIONS); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode rate = entry.getValue().path("rate_limit");
            if (rate.isMissingNode()) {
                continue; // Celery's other annotations are not ours to read
            }
            try {
                Rate parsed = Rate.parse(rate.asText());
                if (parsed != null) {
                    limits.add(new Configured(new FlowLimit(entry.getKey(), parsed, 0, null), List.of(entry.getKey())));
                }
            } catch (InvalidLimitException e) {
                throw new ConfigException(TASK_ANNOTATIONS + "." + entry.getKey() + ".rate_limit: " + e.getMessage(), e);
            }
        }
        return limits;
    }

    /** Adds the configured limits to {@code rules}. */
    public static void apply(AppConfig config, FlowRules rules) {
        for (Configured configured : read(config)) {
            rules.configure(configured.limit(), configured.tasks());
        }
    }

    private static Configured limit(String name, JsonNode node, String where) {
        if (!node.isObject()) {
            throw new ConfigException(where + ": expected a mapping of tasks, rate, burst, key, concurrency");
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new ConfigException(where + ": unknown key '" + field + "' (tasks, rate, burst, key, concurrency)");
            }
        });
        List<String> tasks = new ArrayList<>();
        JsonNode listed = node.path("tasks");
        if (listed.isTextual()) {
            tasks.add(listed.asText());
        } else if (listed.isArray()) {
            listed.forEach(t -> tasks.add(t.asText()));
        }
        if (tasks.isEmpty()) {
            throw new ConfigException(where + ".tasks: name at least one task");
        }
        Rate rate = node.has("rate") ? Rate.parse(node.path("rate").asText()) : null;
        if (node.has("burst")) {
            if (rate == null || !node.path("burst").canConvertToInt()) {
                throw new ConfigException(where + ".burst: a whole number of tokens, with a rate");
            }
            rate = rate.withBurst(node.path("burst").intValue());
        }
        JsonNode concurrency = node.path("concurrency");
        if (!concurrency.isMissingNode() && !(concurrency.canConvertToInt() && concurrency.isIntegralNumber())) {
            throw new ConfigException(where + ".concurrency: a whole number, not '" + concurrency.asText() + "'");
        }
        FlowLimit limit = new FlowLimit(name, rate, concurrency.asInt(0), LimitKey.parse(node.path("key").asText(null)));
        return new Configured(limit, List.copyOf(tasks));
    }

    private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode section, String name) {
        if (section.isMissingNode() || section.isNull()) {
            return java.util.Collections.emptyIterator();
        }
        if (!section.isObject()) {
            throw new ConfigException(name + ": expected a mapping");
        }
        return section.fields();
    }
}
