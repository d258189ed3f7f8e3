package io.celeriac.dist.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Prometheus and Alertmanager, on loopback ports of their own with their data in a temp
 * directory: Prometheus scrapes the given targets every second and evaluates {@code rules} every
 * second, Alertmanager sends every alert to a webhook at once and again when it resolves.
 */
final class MonitoringStack implements AutoCloseable {
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final int prometheusPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static boolean installed() {
        return Files.isExecutable(PROMETHEUS) && Files.isExecutable(ALERTMANAGER);
    }

    /** @param targets job name -> host:port */
    MonitoringStack(String rules, Map<String, String> targets, String webhook) throws Exception {
        dir = Files.createTempDirectory("celeriac-monitoring");
        int alertmanagerPort = freePort();
        prometheusPort = freePort();
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: test
                  group_by: [alertname, queue, worker, task]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: test
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                """.formatted(webhook));
        Files.writeString(dir.resolve("rules.yml"), rules);
        StringBuilder scrape = new StringBuilder();
        targets.forEach((job, target) -> scrape.append("""
                  - job_name: %s
                    static_configs:
                      - targets: ["%s"]
                """.formatted(job, target)));
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files: [rules.yml]
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ["127.0.0.1:%d"]
                scrape_configs:
                %s""".formatted(alertmanagerPort, scrape));
        start(List.of(ALERTMANAGER.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("am"), "--web.listen-address=127.0.0.1:" + alertmanagerPort,
                "--cluster.listen-address="), "alertmanager.log");
        start(List.of(PROMETHEUS.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort,
                "--rules.alert.resend-delay=1s"), "prometheus.log");
    }

    private void start(List<String> command, String log) throws IOException {
        processes.add(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile()).start());
    }

    /** Prometheus's JSON answer's {@code data} for {@code path} (and a query), or null while it does not answer. */
    JsonNode api(String path, String query) {
        String uri = "http://127.0.0.1:" + prometheusPort + path
                + (query == null ? "" : "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("data") : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The value of an instant query's first sample, or null. */
    Double value(String query) {
        JsonNode data = api("/api/v1/query", query);
        JsonNode result = data == null ? null : data.path("result");
        return result == null || result.isEmpty() ? null : result.get(0).path("value").get(1).asDouble();
    }

    /** Every metric name Prometheus has scraped. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        JsonNode data = api("/api/v1/label/__name__/values", null);
        if (data != null) {
            data.forEach(n -> names.add(n.asText()));
        }
        return names;
    }

    /** The alerts pending or firing now: "name state {labels}". */
    List<String> activeAlerts() {
        List<String> active = new ArrayList<>();
        JsonNode data = api("/api/v1/alerts", null);
        if (data != null) {
            data.path("alerts").forEach(a -> active.add(a.path("labels").path("alertname").asText() + " "
                    + a.path("state").asText() + " " + a.path("labels")));
        }
        return active;
    }

    String logs() throws IOException {
        return "prometheus:\n" + tail(dir.resolve("prometheus.log")) + "\nalertmanager:\n" + tail(dir.resolve("alertmanager.log"));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
