package io.celeriac.dist.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * monitoring/'s rules as the end-to-end test runs them: the same file with minutes made seconds, so
 * an alert fires within the test's time. Every rewrite must find its text (a rule changed without
 * this test would fail here, not pass untested).
 */
final class AlertRules {
    static final Path MONITORING = Path.of("..", "monitoring");
    /** A metric name, not part of a recording rule's name (those hold colons). */
    private static final Pattern NAME = Pattern.compile("(?<![:\\w])(celeriac_[a-z0-9_]+)(?![:\\w])");

    private AlertRules() {
    }

    static String alertsFile() throws IOException {
        return Files.readString(MONITORING.resolve("rules/celeriac-alerts.yml"));
    }

    /** The alert rules with every {@code for:} at 2 s, windows of 30 s and the stall thresholds at 5 s. */
    static String shortened() throws IOException {
        String rules = alertsFile();
        Matcher fors = Pattern.compile("for: \\d+[smh]").matcher(rules);
        int count = 0;
        StringBuilder out = new StringBuilder();
        while (fors.find()) {
            fors.appendReplacement(out, "for: 2s");
            count++;
        }
        fors.appendTail(out);
        if (count < 10) {
            throw new AssertionError("expected a for: on most alerts, found " + count);
        }
        rules = out.toString();
        // the exporter's own absence must outlast Prometheus's first scrape
        rules = replace(rules, "absent(celeriac_redis_up)\n        for: 2s", "absent(celeriac_redis_up)\n        for: 20s");
        for (String window : new String[] {"[15m]", "[10m]", "[1h]"}) {
            rules = replace(rules, window, "[30s]");
        }
        rules = replace(rules, "celeriac_queue_seconds_since_pickup > 300", "celeriac_queue_seconds_since_pickup > 5");
        rules = replace(rules, "celeriac_queue_oldest_waiting_seconds > 300", "celeriac_queue_oldest_waiting_seconds > 5");
        return rules;
    }

    private static String replace(String text, String target, String replacement) {
        if (!text.contains(target)) {
            throw new AssertionError("the rules no longer contain '" + target + "': update AlertRules.shortened()");
        }
        return text.replace(target, replacement);
    }

    /** Every celeriac_* metric name the rules (alerts and recording) and the dashboard's queries use. */
    static Set<String> metricNames() throws IOException {
        Set<String> names = new TreeSet<>();
        ObjectMapper yaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        for (String file : new String[] {"rules/celeriac-alerts.yml", "rules/celeriac-recording.yml"}) {
            for (JsonNode group : yaml.readTree(MONITORING.resolve(file).toFile()).path("groups")) {
                group.path("rules").forEach(rule -> names.addAll(namesIn(rule.path("expr").asText())));
            }
        }
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana/dashboards/celeriac.json").toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(target -> names.addAll(namesIn(target.path("expr").asText())));
        }
        dashboard.at("/annotations/list").forEach(a -> names.addAll(namesIn(a.path("expr").asText())));
        return names;
    }

    static Set<String> namesIn(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Names a scrape of a fresh fleet cannot show, each with the source that defines it (so a rename
     * there still fails this test): a provider's breaker gauge exists once a call was made to it.
     */
    static final Map<String, String[]> ONLY_AFTER_USE = Map.of(
            "celeriac_breakers_open", new String[] {"../provider-http/src/main/java/io/celeriac/http/BreakerGauges.java", "\"celeriac.breakers.open\""});
}
