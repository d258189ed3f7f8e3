package io.celeriac.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.celeriac.core.cli.Main;
import io.celeriac.core.config.Durations;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s, rendered as kustomize renders it, read into the Kubernetes object model (fabric8)
 * with no field the model does not know, and checked against the compose fleet and the code:
 * a Deployment per worker service with the same queues and concurrency, probes on the endpoints
 * the worker serves, a grace period that covers the shutdown timeout, a PodDisruptionBudget and a
 * KEDA ScaledObject per worker type on the right Redis list, and more than one beat.
 */
class KubernetesManifestsTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static List<JsonNode> rendered;
    static Map<String, Deployment> deployments = new HashMap<>();
    static Map<String, PodDisruptionBudget> budgets = new HashMap<>();
    static Map<String, io.fabric8.kubernetes.api.model.Service> services = new HashMap<>();
    static Map<String, GenericKubernetesResource> scaledObjects = new HashMap<>();
    static Map<String, JsonNode> monitoring = new HashMap<>();
    static JsonNode compose;

    @BeforeAll
    static void render() throws IOException, InterruptedException {
        rendered = KustomizeRender.render(Path.of("..", "deploy", "k8s"));
        for (JsonNode doc : rendered) {
            Object model = ModelCheck.read(doc);
            String name = doc.at("/metadata/name").asText();
            switch (model) {
                case Deployment d -> deployments.put(name, d);
                case PodDisruptionBudget p -> budgets.put(name, p);
                case io.fabric8.kubernetes.api.model.Service s -> services.put(name, s);
                case GenericKubernetesResource g when g.getKind().equals("ScaledObject") -> scaledObjects.put(name, g);
                case GenericKubernetesResource g when g.getApiVersion().startsWith("monitoring.coreos.com/") -> monitoring.put(g.getKind(), doc);
                default -> { }
            }
        }
        compose = YAML.readTree(Path.of("..", "docker", "docker-compose.yml").toFile());
    }

    @Test
    void every_object_is_in_the_namespace_and_uses_the_image() {
        for (JsonNode doc : rendered) {
            if (!doc.path("kind").asText().equals("Namespace")) {
                assertEquals("celeriac", doc.at("/metadata/namespace").asText(), doc.at("/metadata/name").asText());
            }
        }
        deployments.values().forEach(d -> assertTrue(container(d).getImage().endsWith("celeriac:latest"), container(d).getImage()));
    }

    @Test
    void every_worker_service_of_the_compose_file_is_a_deployment_with_the_same_command() {
        Map<String, String> workerCommands = composeWorkers();
        assertEquals(6, workerCommands.size());
        Map<String, String> k8sCommands = deployments.values().stream()
                .filter(d -> container(d).getArgs().get(0).equals("worker"))
                .collect(Collectors.toMap(d -> queuesAndConcurrency(container(d).getArgs()), d -> d.getMetadata().getName()));
        for (String command : workerCommands.values()) {
            assertTrue(k8sCommands.containsKey(command), "a Deployment runs " + command);
        }
        assertEquals(workerCommands.size(), k8sCommands.size());
        deployments.values().forEach(d -> Main.commandLine().parseArgs(container(d).getArgs().toArray(String[]::new)));
    }

    @Test
    void probes_ask_the_endpoints_the_process_serves_on_its_http_port() {
        for (Deployment d : deployments.values()) {
            Container c = container(d);
            assertEquals(8080, c.getPorts().get(0).getContainerPort());
            assertEquals("8080", env(c, "CELERIAC_HTTP_PORT"));
            assertEquals("/readyz", c.getReadinessProbe().getHttpGet().getPath());
            assertEquals("/healthz", c.getLivenessProbe().getHttpGet().getPath());
            assertEquals("/healthz", c.getStartupProbe().getHttpGet().getPath());
            assertEquals("http", c.getLivenessProbe().getHttpGet().getPort().getStrVal());
        }
    }

    @Test
    void the_grace_period_covers_the_shutdown_timeout_and_matches_compose() {
        Duration composeGrace = Durations.parse(compose.at("/x-celeriac/stop_grace_period").asText());
        for (Deployment d : deployments.values()) {
            long grace = d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            Duration shutdown = Durations.parse(env(container(d), "CELERIAC_SHUTDOWN_TIMEOUT"));
            // the JVM's stop watchdog halts 10 s after the shutdown timeout: the kubelet must wait longer
            assertTrue(grace > shutdown.plusSeconds(10).toSeconds(), d.getMetadata().getName() + ": " + grace + " s");
            assertEquals(composeGrace.toSeconds(), grace);
        }
    }

    @Test
    void every_deployment_has_a_budget_and_workers_scale_on_their_own_list() {
        for (Deployment d : deployments.values()) {
            String name = d.getMetadata().getName();
            PodDisruptionBudget budget = budgets.get(name);
            assertNotNull(budget, "PodDisruptionBudget " + name);
            assertEquals(d.getSpec().getSelector().getMatchLabels(), budget.getSpec().getSelector().getMatchLabels());
            assertEquals(d.getSpec().getSelector().getMatchLabels(),
                    Map.copyOf(d.getSpec().getTemplate().getMetadata().getLabels()));
            if (!container(d).getArgs().get(0).equals("worker")) {
                continue;
            }
            GenericKubernetesResource scaled = scaledObjects.get(name);
            assertNotNull(scaled, "ScaledObject " + name);
            JsonNode spec = YAML.valueToTree(scaled.getAdditionalProperties().get("spec"));
            assertEquals(name, spec.at("/scaleTargetRef/name").asText());
            assertEquals("redis", spec.at("/triggers/0/type").asText());
            String queue = container(d).getArgs().get(1).substring("--queues=".length());
            assertEquals(queue, spec.at("/triggers/0/metadata/listName").asText());
            assertTrue(spec.at("/minReplicaCount").asInt() >= 1, "never scaled to zero: a task must find a consumer");
        }
    }

    @Test
    void the_beat_runs_as_replicas_and_every_pod_is_locked_down() {
        assertTrue(deployments.get("beat").getSpec().getReplicas() >= 2);
        assertEquals(1, budgets.get("beat").getSpec().getMinAvailable().getIntVal());
        for (Deployment d : deployments.values()) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertTrue(pod.getSecurityContext().getRunAsNonRoot());
            assertTrue(container(d).getSecurityContext().getReadOnlyRootFilesystem());
            assertEquals("/tmp", container(d).getVolumeMounts().get(0).getMountPath());
            assertNotNull(container(d).getResources().getLimits().get("memory"));
        }
    }

    @Test
    void the_exporter_runs_and_the_operator_scrapes_every_pod_with_monitoring_s_rules() throws IOException {
        Deployment exporter = deployments.get("exporter");
        assertNotNull(exporter, "the fleet exporter runs in the cluster");
        assertEquals(List.of("exporter", "--port=8080"), container(exporter).getArgs());
        JsonNode podMonitor = monitoring.get("PodMonitor");
        assertEquals("http", podMonitor.at("/spec/podMetricsEndpoints/0/port").asText());
        Map<String, String> selector = YAML.convertValue(podMonitor.at("/spec/selector/matchLabels"),
                YAML.getTypeFactory().constructMapType(Map.class, String.class, String.class));
        for (Deployment d : deployments.values()) {
            assertTrue(d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()),
                    d.getMetadata().getName() + " is scraped");
            assertEquals("http", container(d).getPorts().get(0).getName());
        }
        // the PrometheusRule holds exactly monitoring/rules' groups (scripts/render-prometheus-rule.py writes it)
        List<JsonNode> groups = new java.util.ArrayList<>();
        for (String file : List.of("celeriac-alerts.yml", "celeriac-recording.yml")) {
            YAML.readTree(Path.of("..", "monitoring", "rules", file).toFile()).path("groups").forEach(groups::add);
        }
        assertEquals(YAML.valueToTree(groups), monitoring.get("PrometheusRule").at("/spec/groups"),
                "deploy/k8s/monitoring.yaml is out of date: run scripts/render-prometheus-rule.py");
    }

    @Test
    void the_dashboard_listens_off_loopback_with_users_from_the_secret_behind_a_service() {
        Deployment dashboard = deployments.get("dashboard");
        assertNotNull(dashboard, "the web dashboard runs in the cluster");
        Container c = container(dashboard);
        assertEquals(List.of("dashboard", "--bind", "0.0.0.0", "--port", "5555"), c.getArgs());
        Main.commandLine().parseArgs(c.getArgs().toArray(String[]::new));
        assertEquals("dashboard-users", c.getEnv().stream().filter(e -> e.getName().equals("CELERIAC_DASHBOARD_USERS")).findFirst()
                .orElseThrow().getValueFrom().getSecretKeyRef().getKey(), "off loopback it needs users");
        assertEquals(1, dashboard.getSpec().getReplicas(), "sessions live in the process");
        io.fabric8.kubernetes.api.model.Service service = services.get("dashboard");
        assertEquals(dashboard.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
        assertEquals("web", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
        assertTrue(c.getPorts().stream().anyMatch(p -> p.getName().equals("web") && p.getContainerPort() == 5555));
    }

    @Test
    void the_offline_render_agrees_with_kubectl_kustomize() throws IOException, InterruptedException {
        List<JsonNode> offline = KustomizeRender.offline(Path.of("..", "deploy", "k8s"));
        String kubectl = KustomizeRender.kubectl();
        Assumptions.assumeTrue(kubectl != null, "kubectl is not installed: the offline render was the only one");
        List<JsonNode> byKubectl = KustomizeRender.withKubectl(kubectl, Path.of("..", "deploy", "k8s"));
        assertEquals(identities(byKubectl), identities(offline));
    }

    @Test
    void a_field_the_model_does_not_know_is_rejected() throws IOException {
        JsonNode doc = YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      terminationGracePeriod: 45
                      containers: [{name: c, image: i}]
                """);
        AssertionError error = assertThrows(AssertionError.class, () -> ModelCheck.read(doc));
        assertTrue(error.getMessage().contains("terminationGracePeriod"), error.getMessage());
    }

    static List<String> identities(List<JsonNode> docs) {
        return docs.stream().map(d -> d.path("kind").asText() + "/" + d.at("/metadata/namespace").asText() + "/"
                + d.at("/metadata/name").asText() + " " + d.at("/spec/template/spec/containers/0/image").asText()).sorted().toList();
    }

    static Container container(Deployment d) {
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    static String env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElse(null);
    }

    /** service -> "--queues=Q --concurrency=N" of every worker service in docker-compose.yml. */
    static Map<String, String> composeWorkers() {
        Map<String, String> workers = new HashMap<>();
        compose.path("services").fields().forEachRemaining(service -> {
            JsonNode node = service.getValue().path("command");
            if (!node.isArray()) {
                return;
            }
            List<String> command = YAML.convertValue(node, YAML.getTypeFactory().constructCollectionType(List.class, String.class));
            if (!command.isEmpty() && command.get(0).equals("worker")) {
                workers.put(service.getKey(), queuesAndConcurrency(command));
            }
        });
        assertFalse(workers.isEmpty());
        return workers;
    }

    static String queuesAndConcurrency(List<String> command) {
        return command.stream().filter(a -> a.startsWith("--queues=") || a.startsWith("--concurrency="))
                .sorted().collect(Collectors.joining(" "));
    }
}
