package io.celeriac.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.routing.QueueNames;
import io.celeriac.core.routing.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
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
    /**
     * Results are stored with a Redis TTL (PX) and read back by Python clients: ten years is past
     * any real retention and far from the overflow that made every result write fail.
     */
    static final Duration MAX_RESULT_EXPIRES = Duration.ofDays(3650);

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
                return parse(YamlTrees.read(new InputStreamReader(in, StandardCharsets.UTF_8)), "classpath:" + FILE_NAME);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read the packaged " + FILE_NAME + ": " + e.getMessage(), e);
        }
        return parse(JsonNodeFactory.instance.objectNode(), "defaults");
    }

    public static AppConfig fromFile(Path file) {
        try {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return parse(YamlTrees.read(in), file.toString());
            }
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML: " + oneLine(e), e);
        }
    }

    public static AppConfig fromYaml(String yaml) {
        try {
            return parse(YamlTrees.read(new StringReader(yaml)), "inline");
        } catch (IOException e) {
            throw new ConfigException("not valid YAML: " + oneLine(e), e);
        }
    }

    static AppConfig parse(JsonNode root, String source) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = JsonNodeFactory.instance.objectNode();
        }
        if (!(root instanceof ObjectNode doc)) {
            throw new ConfigException(source + ": the top level must be a mapping");
        }
        KnownKeys.installed().check(doc, source);
        try {
            ConfigValues values = new ConfigValues(doc);
            String defaultQueue = QueueNames.validate(values.text("default_queue", "celery"));
            List<Route> routes = routes(doc.path("routes"), source);
            Set<String> queues = new LinkedHashSet<>();
            queues.add(defaultQueue);
            for (String q : values.texts("queues")) {
                queues.add(QueueNames.validate(q));
            }
            routes.forEach(r -> queues.add(r.queue()));
            Duration expires = values.duration("result_expires", Duration.ofDays(1), MAX_RESULT_EXPIRES);
            values.bool("test_probes", false);
            AppConfig config = new AppConfig(values.text("broker_url", null), defaultQueue, List.copyOf(queues), routes,
                    expires, values.bool("result_extended", false), values.text("key_prefix", "celeriac:"),
                    values.text("celery_key_prefix", ""), doc);
            MessageLimitsConfig.from(config);
            BrokerTransportOptions.from(config);
            CeleryTaskConfig.validate(config);
            io.celeriac.core.flow.FlowConfig.read(config);
            return config;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        } catch (ConfigException e) {
            throw e.getMessage().startsWith(source) ? e : new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    /** The first line of a parser's message: the YAML library's carry a multi-line excerpt. */
    private static String oneLine(IOException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
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
            JsonNode queue = target.isObject() ? target.path("queue") : target;
            if (!queue.isTextual() || queue.asText().isBlank()) {
                throw new ConfigException(source + ": routes." + field.getKey() + " names no queue");
            }
            routes.add(new Route(field.getKey(), QueueNames.validate(queue.asText())));
        }
        return routes;
    }
}
