package io.celeriac.dist.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Alertmanager's webhook receiver, inside the test: every alert of every notification, in order. */
final class AlertReceiver implements AutoCloseable {
    /** One alert as a notification carried it. */
    record Received(String status, Map<String, String> labels) {
        String name() {
            return labels.get("alertname");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    AlertReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            for (JsonNode alert : body.path("alerts")) {
                Map<String, String> labels = new LinkedHashMap<>();
                alert.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                received.add(new Received(alert.path("status").asText(), labels));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Whether an alert named {@code name} arrived with {@code status} (firing, resolved) and matching labels. */
    boolean got(String status, String name, Predicate<Map<String, String>> labels) {
        return received.stream().anyMatch(r -> r.status().equals(status) && name.equals(r.name()) && labels.test(r.labels()));
    }

    List<Received> all() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
