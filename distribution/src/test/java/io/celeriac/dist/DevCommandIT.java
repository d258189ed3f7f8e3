package io.celeriac.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.cli.Main;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.JavaProcess;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code celeriac dev} on a machine where nothing answers at the configured URLs: it starts
 * embedded Redis and PostgreSQL, runs a task end to end, serves health, and stops on SIGTERM.
 */
class DevCommandIT {

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String scrape(int port) {
        return get(port, "/metrics");
    }

    private static String get(int port, String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + path)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Test
    void dev_starts_embedded_servers_runs_tasks_and_stops_cleanly() throws Exception {
        Path data = Files.createTempDirectory("celeriac-dev");
        int http = freePort();
        int exporter = freePort();
        int dashboard = freePort();
        try (JavaProcess dev = JavaProcess.celeriac(Map.of(), "dev", "--broker-url=redis://127.0.0.1:" + freePort() + "/0",
                "--database-url=postgresql://postgres@127.0.0.1:" + freePort() + "/postgres",
                "--data-dir=" + data, "--http-port=" + http, "--exporter-port=" + exporter,
                "--dashboard-port=" + dashboard, "--key-prefix=devit:")) {
            // the banner's last line: its first ("Celeriac is running") can be read before the lines under it
            Eventually.await("dev is up", Duration.ofSeconds(90), () -> dev.log().contains("./celeriac status") || !dev.isAlive());
            String log = dev.log();
            assertTrue(log.contains("started an embedded Redis") && log.contains("started an embedded PostgreSQL"), log);
            assertTrue(log.contains("ai_tasks") && log.contains("beat"), log);
            // the embedded servers are not the other commands' defaults: the banner says how to reach them
            assertTrue(log.contains("export CELERIAC_BROKER_URL=redis://127.0.0.1:" + DevServices.EMBEDDED_REDIS_PORT + "/0"), log);
            assertTrue(log.contains("export CELERIAC_DATABASE_URL=" + DevServices.embeddedPostgresUrl("postgres")), log);
            assertTrue(log.contains("data         " + data.toAbsolutePath()), log);
            String broker = "--broker-url=redis://127.0.0.1:" + DevServices.EMBEDDED_REDIS_PORT + "/0";
            assertEquals(0, Main.run("send", "celeriac.add", "--args", "[20, 22]", "--wait", "--timeout=20s", broker, "--key-prefix=devit:"));
            assertEquals(0, Main.run("health", "--http-port=" + http));
            String metrics = Eventually.value("the exporter has read the fleet", Duration.ofSeconds(30), () -> {
                String text = scrape(exporter);
                return text.matches("(?s).*celeriac_redis_up\\{process=\"exporter\"} 1(\\.0)?\n.*") ? text : null;
            });
            assertTrue(metrics.matches("(?s).*celeriac_queue_consumers\\{process=\"exporter\",queue=\"ai_tasks\"} 1(\\.0)?\n.*"), metrics);
            assertTrue(log.contains("dashboard    http://127.0.0.1:" + dashboard + "/"), log);
            assertTrue(get(dashboard, "/workers").contains("ai_tasks"), "the dashboard shows dev's workers");
            assertTrue(metrics.matches("(?s).*celeriac_beat_leader_present\\{process=\"exporter\"} 1(\\.0)?\n.*"), metrics);
            assertEquals(0, dev.terminate(Duration.ofSeconds(60)), dev.log());
            assertTrue(dev.log().contains("stopped"), dev.log());
            assertTrue(Files.isDirectory(data.resolve("postgres")) && Files.isDirectory(data.resolve("redis")), "data kept for the next start");
        }
    }
}
