package io.celeriac.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads a manifest into its fabric8 model class and rejects any field the model does not know
 * (fabric8 keeps those in additionalProperties instead of failing, so a misspelt or misplaced
 * field would otherwise pass). KEDA's and the Prometheus Operator's kinds are outside the Kubernetes
 * model: they are read as generic resources and their required fields checked by name.
 */
final class ModelCheck {
    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
    static final Map<String, Class<?>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "batch/v1/Job", Job.class,
            "v1/Service", io.fabric8.kubernetes.api.model.Service.class);

    private ModelCheck() {
    }

    static Object read(JsonNode doc) {
        String kind = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        if (doc.path("apiVersion").asText().startsWith("keda.sh/") || doc.path("apiVersion").asText().startsWith("monitoring.coreos.com/")) {
            GenericKubernetesResource resource = MAPPER.convertValue(doc, GenericKubernetesResource.class);
            requireKeda(doc, kind);
            return resource;
        }
        Class<?> type = KINDS.get(kind);
        if (type == null) {
            throw new AssertionError("no model class for " + kind + " (add it to ModelCheck.KINDS)");
        }
        Object model = MAPPER.convertValue(doc, type);
        List<String> unknown = new ArrayList<>();
        walk(model, kind + " " + doc.at("/metadata/name").asText(), unknown);
        if (!unknown.isEmpty()) {
            throw new AssertionError("fields the Kubernetes model does not know: " + unknown);
        }
        return model;
    }

    private static void requireKeda(JsonNode doc, String kind) {
        List<String> required = switch (doc.path("kind").asText()) {
            case "ScaledObject" -> List.of("/spec/scaleTargetRef/name", "/spec/triggers/0/type", "/spec/triggers/0/metadata");
            case "TriggerAuthentication" -> List.of("/spec/secretTargetRef/0/parameter", "/spec/secretTargetRef/0/name",
                    "/spec/secretTargetRef/0/key");
            case "PodMonitor" -> List.of("/spec/selector/matchLabels", "/spec/podMetricsEndpoints/0/port", "/spec/podMetricsEndpoints/0/path");
            case "PrometheusRule" -> List.of("/spec/groups/0/name", "/spec/groups/0/rules/0");
            default -> throw new AssertionError("unexpected custom resource kind " + kind);
        };
        for (String pointer : required) {
            if (doc.at(pointer).isMissingNode()) {
                throw new AssertionError(kind + " " + doc.at("/metadata/name").asText() + " lacks " + pointer);
            }
        }
    }

    /** Collects the paths of non-empty additionalProperties anywhere under {@code model}. */
    private static void walk(Object model, String path, List<String> unknown) {
        if (model == null) {
            return;
        }
        if (model instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (model instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, unknown));
            return;
        }
        if (!model.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(path + "." + getter.getName(), e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                walk(value, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }
}
