package io.celeriac.core.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Serves {@code /metrics} (Prometheus text), {@code /healthz} (liveness: the process's loops are
 * ticking) and {@code /readyz} (readiness: Redis, and PostgreSQL where the process uses it). Each
 * health answer is 200 or 503 with a JSON body naming every check. The JDK's own HTTP server: no
 * dependency for three plain endpoints.
 */
public final class HealthServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;

    public HealthServer(int port, PrometheusMeterRegistry registry, List<HealthCheck> liveness, List<HealthCheck> readiness)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/healthz", exchange -> check(exchange, liveness));
        server.createContext("/readyz", exchange -> check(exchange, readiness));
        server.start();
    }

    /** The bound port (useful when started on port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void check(HttpExchange exchange, List<HealthCheck> checks) throws IOException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode verdicts = body.putObject("checks");
        ObjectNode details = body.putObject("details");
        boolean healthy = true;
        for (HealthCheck check : checks) {
            String problem = check.problem();
            healthy &= problem == null;
            verdicts.put(check.name(), problem == null ? "ok" : problem);
            check.details().forEach((key, value) -> details.set(key, JSON.valueToTree(value)));
        }
        body.put("status", healthy ? "ok" : "failing");
        respond(exchange, healthy ? 200 : 503, "application/json", body.toString());
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
