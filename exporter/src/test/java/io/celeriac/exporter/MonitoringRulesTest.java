package io.celeriac.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * monitoring/'s rules: each alert has a severity, a summary and description, and a runbook section
 * that exists; each is unit-tested (firing, and silent on the idle and the busy fleet); and
 * promtool, when installed (Debian's prometheus package, put in place by .ci/run), accepts the
 * rules and passes their unit tests.
 */
class MonitoringRulesTest {
    static final Path MONITORING = Path.of("..", "monitoring");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> alerts() throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode group : YAML.readTree(MONITORING.resolve("rules/celeriac-alerts.yml").toFile()).path("groups")) {
            group.path("rules").forEach(rule -> {
                if (rule.has("alert")) {
                    alerts.add(rule);
                }
            });
        }
        return alerts;
    }

    @Test
    void every_alert_has_a_severity_words_that_name_its_subject_and_a_runbook_section() throws IOException {
        String runbooks = Files.readString(MONITORING.resolve("RUNBOOKS.md"));
        List<JsonNode> alerts = alerts();
        assertTrue(alerts.size() >= 16, "the alerts of issue 26: " + alerts.size());
        for (JsonNode alert : alerts) {
            String name = alert.path("alert").asText();
            assertTrue(Set.of("critical", "warning").contains(alert.at("/labels/severity").asText()), name + " has a severity");
            JsonNode annotations = alert.path("annotations");
            assertFalse(annotations.path("summary").asText().isBlank(), name + " has a summary");
            assertFalse(annotations.path("description").asText().isBlank(), name + " has a description");
            String anchor = name.toLowerCase(java.util.Locale.ROOT);
            assertTrue(annotations.path("runbook_url").asText().endsWith("#" + anchor), name + "'s runbook link");
            assertTrue(runbooks.contains("\n## " + name + "\n"), name + " has a section in RUNBOOKS.md");
            String expr = alert.path("expr").asText();
            for (String label : List.of("queue", "worker", "task", "channel", "provider")) {
                if (expr.contains("by (" + label + ")") || expr.contains("celeriac_" + label + "_") || expr.contains("celeriac_" + label + "s_open")) {
                    assertTrue(annotations.path("summary").asText().contains("$labels." + label), name + "'s summary names its " + label);
                }
            }
        }
    }

    @Test
    void every_alert_is_unit_tested_firing_and_silent_on_the_idle_and_the_busy_fleet() throws IOException {
        JsonNode tests = YAML.readTree(MONITORING.resolve("tests/celeriac-alerts.test.yml").toFile()).path("tests");
        Set<String> firing = new HashSet<>();
        List<Set<String>> silentPerTest = new ArrayList<>();
        for (JsonNode test : tests) {
            Set<String> silent = new HashSet<>();
            for (JsonNode check : test.path("alert_rule_test")) {
                (check.path("exp_alerts").isEmpty() ? silent : firing).add(check.path("alertname").asText());
            }
            silentPerTest.add(silent);
        }
        for (JsonNode alert : alerts()) {
            String name = alert.path("alert").asText();
            assertTrue(firing.contains(name), name + " has a test where it fires");
            assertTrue(silentPerTest.get(0).contains(name) && silentPerTest.get(1).contains(name),
                    name + " is checked silent on the idle fleet and on the busy one (the first two tests)");
        }
    }

    @Test
    void promtool_accepts_the_rules_and_their_unit_tests_pass() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/promtool"));
        if (!installed) {
            System.err.println("SKIPPED LOUDLY: promtool is not installed (apt-get install prometheus; .ci/run does it): "
                    + "the alert rules were not checked or unit-tested by Prometheus itself");
        }
        Assumptions.assumeTrue(installed, "promtool is not installed (Debian's prometheus package)");
        assertEquals("", run(MONITORING, "promtool", "check", "rules", "rules/celeriac-alerts.yml", "rules/celeriac-recording.yml"));
        assertEquals("", run(MONITORING.resolve("tests"), "promtool", "test", "rules", "celeriac-alerts.test.yml"));
    }

    /** Runs a command; "" when it exits 0, else its output. */
    static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return process.exitValue() == 0 ? "" : output;
    }
}
