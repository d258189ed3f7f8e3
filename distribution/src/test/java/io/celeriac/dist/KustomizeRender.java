package io.celeriac.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization: with `kubectl kustomize` when kubectl is on the PATH, else with the
 * subset this project's kustomization uses (resources, namespace, images), so the checks run on
 * a machine without kubectl too.
 */
final class KustomizeRender {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private KustomizeRender() {
    }

    static List<JsonNode> render(Path dir) throws IOException, InterruptedException {
        String kubectl = kubectl();
        return kubectl != null ? withKubectl(kubectl, dir) : offline(dir);
    }

    /** The kubectl on the PATH, or null. */
    static String kubectl() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    static List<JsonNode> withKubectl(String kubectl, Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString()).redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir + " failed: "
                    + new String(process.getErrorStream().readAllBytes()));
        }
        return documents(new String(out));
    }

    static List<JsonNode> offline(Path dir) throws IOException {
        JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        String namespace = kustomization.path("namespace").asText(null);
        List<JsonNode> docs = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            docs.addAll(documents(Files.readString(dir.resolve(resource.asText()))));
        }
        for (JsonNode doc : docs) {
            if (namespace != null && !doc.path("kind").asText().equals("Namespace")) {
                ((ObjectNode) doc.path("metadata")).put("namespace", namespace);
            }
            for (JsonNode image : kustomization.path("images")) {
                replaceImage(doc.at("/spec/template/spec/containers"), image);
                replaceImage(doc.at("/spec/jobTemplate/spec/template/spec/containers"), image);
            }
        }
        return docs;
    }

    private static void replaceImage(JsonNode containers, JsonNode image) {
        for (JsonNode container : containers) {
            if (container.path("image").asText().equals(image.path("name").asText())) {
                String tag = image.path("newTag").asText("latest");
                ((ObjectNode) container).put("image", image.path("newName").asText(image.path("name").asText()) + ":" + tag);
            }
        }
    }

    static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }
}
