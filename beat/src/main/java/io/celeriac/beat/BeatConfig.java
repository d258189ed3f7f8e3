package io.celeriac.beat;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.config.ConfigException;
import io.celeriac.core.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code beat:} section of {@code celeriac.yaml}, validated: settings and the application's
 * static entries.
 *
 * <pre>
 * beat:
 *   lease_timeout: 1500ms
 *   renew_interval: 250ms
 *   misfire_grace: 30s
 *   catch_up_window: 1h
 *   entries:
 *     cleanup-old-logs: {task: ..., cron: "0 2 * * *"}
 * </pre>
 */
public record BeatConfig(BeatSettings settings, List<BeatEntry> entries) {

    /** Parses the section (a missing one gives defaults and no entries); errors name the field. */
    public static BeatConfig from(JsonNode section) {
        if (section == null || section.isMissingNode() || section.isNull()) {
            return new BeatConfig(BeatSettings.DEFAULTS, List.of());
        }
        if (!section.isObject()) {
            throw new ConfigException("beat: must be a mapping (lease_timeout, renew_interval, misfire_grace, catch_up_window, entries)");
        }
        BeatSettings defaults = BeatSettings.DEFAULTS;
        BeatSettings settings;
        try {
            settings = new BeatSettings(duration(section, "lease_timeout", defaults.leaseTimeout()),
                    duration(section, "misfire_grace", defaults.misfireGrace()),
                    duration(section, "renew_interval", defaults.heartbeat()),
                    duration(section, "catch_up_window", defaults.catchUpWindow()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        return new BeatConfig(settings, entries(section.path("entries")));
    }

    private static Duration duration(JsonNode section, String field, Duration fallback) {
        if (!section.hasNonNull(field)) {
            return fallback;
        }
        try {
            return Durations.parse(section.get(field).asText());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("beat." + field + ": " + e.getMessage(), e);
        }
    }

    private static List<BeatEntry> entries(JsonNode node) {
        List<BeatEntry> entries = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return entries;
        }
        if (!node.isObject()) {
            throw new ConfigException("beat.entries: must map entry names to definitions");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            entries.add(EntryJson.parse(field.getKey(), field.getValue()));
        }
        return List.copyOf(entries);
    }
}
