package io.celeriac.core.health;

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
        StringBuilder body = new StringBuilder("{\"checks\":{");
        boolean healthy = true;
        for (int i = 0; i < checks.size(); i++) {
            HealthCheck check = checks.get(i);
            String problem = check.problem();
            healthy &= problem == null;
            body.append(i == 0 ? "" : ",").append('"').append(check.name()).append("\":")
                    .append(problem == null ? "\"ok\"" : '"' + problem.replace("\\", "\\\\").replace("\"", "'") + '"');
        }
        body.append("},\"status\":\"").append(healthy ? "ok" : "failing").append("\"}");
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
