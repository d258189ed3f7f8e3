package io.celeriac.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.celeriac.core.routing.QueueNames;
import io.celeriac.core.routing.Route;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code celeriac.yaml}: a file named on the command line, else {@code ./celeriac.yaml}, else
 * the one packaged with the distribution, else built-in defaults. Every error names the field.
 */
public final class AppConfigLoader {
    public static final String FILE_NAME = "celeriac.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private AppConfigLoader() {
    }

    /** Loads {@code explicit} when given, else the first of ./celeriac.yaml and the class path copy. */
    public static AppConfig load(Path explicit) {
        if (explicit != null) {
            if (!Files.isReadable(explicit)) {
                throw new ConfigException("config file " + explicit + " does not exist or is not readable");
            }
            return fromFile(explicit);
        }
        Path local = Path.of(FILE_NAME);
        if (Files.isReadable(local)) {
            return fromFile(local);
        }
        try (InputStream in = AppConfigLoader.class.getClassLoader().getResourceAsStream(FILE_NAME)) {
            if (in != null) {
                return parse(YAML.readTree(in), "classpath:" + FILE_NAME);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read the packaged " + FILE_NAME + ": " + e.getMessage(), e);
        }
        return parse(JsonNodeFactory.instance.objectNode(), "defaults");
    }

    public static AppConfig fromFile(Path file) {
        try {
            return parse(YAML.readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    public static AppConfig fromYaml(String yaml) {
        try {
            return parse(YAML.readTree(yaml), "inline");
        } catch (IOException e) {
            throw new ConfigException("not valid YAML: " + e.getMessage(), e);
        }
    }

    static AppConfig parse(JsonNode root, String source) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = JsonNodeFactory.instance.objectNode();
        }
        if (!(root instanceof ObjectNode doc)) {
            throw new ConfigException(source + ": the top level must be a mapping");
        }
        try {
            String defaultQueue = QueueNames.validate(doc.path("default_queue").asText("celery"));
            List<Route> routes = routes(doc.path("routes"), source);
            Set<String> queues = new LinkedHashSet<>();
            queues.add(defaultQueue);
            for (JsonNode q : doc.path("queues")) {
                queues.add(QueueNames.validate(q.asText()));
            }
            routes.forEach(r -> queues.add(r.queue()));
            Duration expires = doc.has("result_expires")
                    ? Durations.parse(doc.get("result_expires").asText()) : Duration.ofDays(1);
            String brokerUrl = doc.hasNonNull("broker_url") ? doc.get("broker_url").asText() : null;
            return new AppConfig(brokerUrl, defaultQueue, List.copyOf(queues), routes, expires,
                    doc.path("result_extended").asBoolean(false),
                    doc.path("key_prefix").asText("celeriac:"),
                    doc.path("celery_key_prefix").asText(""), doc);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    private static List<Route> routes(JsonNode node, String source) {
        List<Route> routes = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return routes;
        }
        if (!node.isObject()) {
            throw new ConfigException(source + ": routes must map task-name patterns to queue names");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode target = field.getValue();
            String queue = target.isObject() ? target.path("queue").asText(null) : target.asText(null);
            if (queue == null || queue.isBlank()) {
                throw new ConfigException(source + ": routes." + field.getKey() + " names no queue");
            }
            routes.add(new Route(field.getKey(), queue));
        }
        return routes;
    }
}
