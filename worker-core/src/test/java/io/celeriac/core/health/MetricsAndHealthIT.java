package io.celeriac.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.broker.redis.DirectRedis;
import io.celeriac.core.broker.redis.LazyRedisson;
import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.cli.Main;
import io.celeriac.core.metrics.Observability;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.JavaProcess;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** Metrics scraped over HTTP from a real worker process; readiness follows Redis. */
class MetricsAndHealthIT {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_worker_process_serves_task_metrics_and_health_on_its_http_port() throws Exception {
        String prefix = TestApp.randomPrefix();
        String yaml = "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\n";
        Path config = Files.createTempFile("celeriac", ".yaml");
        Files.writeString(config, yaml);
        int port = freePort();
        RedisUrl url = TestRedis.url();
        try (Application app = new Application(AppConfigLoader.fromYaml(yaml), url, null, 8, Clock.systemUTC(), new SplittableRandom(5));
             JavaProcess worker = JavaProcess.celeriac("worker", "--config=" + config, "--queues=celery", "--hostname=metrics@test",
                     "--broker-url=redis://" + url.host() + ":" + url.port() + "/" + url.database(), "--http-port=" + port)) {
            Eventually.await("the worker is up", Duration.ofSeconds(30), () -> app.redisBroker().workerHeartbeats().containsKey("metrics@test"));
            assertEquals(5, app.client().send("celeriac.add", List.of(2, 3), Map.of(), SendOptions.defaults()).get(Duration.ofSeconds(10)).asInt());
            app.client().send("celeriac.fail", List.of("x"), Map.of(), SendOptions.defaults()).await(Duration.ofSeconds(10));
            Eventually.await("/metrics answers", Duration.ofSeconds(10), () -> {
                try {
                    return get(port, "/metrics").body().contains("outcome=\"failure\"");
                } catch (Exception e) {
                    return false;
                }
            });
            String metrics = get(port, "/metrics").body();
            assertTrue(metrics.contains("celeriac_tasks_total{") && metrics.contains("task=\"celeriac.add\""), metrics);
            assertTrue(metrics.contains("celeriac_task_duration_seconds_bucket"), "duration histogram");
            assertTrue(metrics.contains("celeriac_task_latency_seconds_bucket"), "latency histogram");
            assertTrue(metrics.contains("celeriac_dead_letters_total"), "dead letters");
            assertTrue(metrics.contains("celeriac_queue_depth{"), "queue depth");
            assertTrue(metrics.contains("celeriac_inflight"), "in flight");
            assertEquals(200, get(port, "/healthz").statusCode());
            assertEquals(200, get(port, "/readyz").statusCode());
            assertEquals(0, Main.run("health", "--http-port=" + port));
            assertEquals(0, Main.run("health", "--http-port=" + port, "--live"));
            assertEquals(0, worker.terminate(Duration.ofSeconds(30)));
            assertEquals(1, Main.run("health", "--http-port=" + port), "nothing answers once the worker is gone");
        }
    }

    @Test
    void with_log_format_json_each_line_is_json_and_task_lines_carry_the_task() throws Exception {
        String prefix = TestApp.randomPrefix();
        String yaml = "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\n";
        Path config = Files.createTempFile("celeriac", ".yaml");
        Files.writeString(config, yaml);
        RedisUrl url = TestRedis.url();
        try (Application app = new Application(AppConfigLoader.fromYaml(yaml), url, null, 8, Clock.systemUTC(), new SplittableRandom(6));
             JavaProcess worker = JavaProcess.celeriac(Map.of("LOG_FORMAT", "json"), "worker", "--config=" + config,
                     "--queues=celery", "--hostname=json@test", "--broker-url=redis://" + url.host() + ":" + url.port() + "/" + url.database())) {
            Eventually.await("the worker is up", Duration.ofSeconds(30), () -> app.redisBroker().workerHeartbeats().containsKey("json@test"));
            String id = app.client().send("celeriac.fail", List.of("secret payload"), Map.of(), SendOptions.defaults()).id();
            Eventually.await("the failure is logged", Duration.ofSeconds(10), () -> worker.log().contains("dead-lettered"));
            assertEquals(0, worker.terminate(Duration.ofSeconds(30)), worker.log());
            String line = worker.log().lines().filter(l -> l.contains("dead-lettered")).findFirst().orElseThrow();
            var json = app.json().readTree(line);
            assertEquals("WARN", json.path("level").asText());
            assertTrue(line.contains(id) && line.contains("celeriac.fail") && line.contains("\"attempt\""), line);
            assertTrue(worker.log().lines().filter(l -> !l.isBlank()).allMatch(l -> l.startsWith("{")), worker.log());
        }
    }

    @Test
    void readiness_turns_failing_while_redis_is_down_and_ok_when_it_returns() throws Exception {
        int redisPort = freePort();
        RedisServer redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"").build();
        redis.start();
        RedisUrl url = RedisUrl.parse("redis://127.0.0.1:" + redisPort);
        DirectRedis client = DirectRedis.connect(url, 4);
        try (Observability observability = new Observability("test")) {
            observability.readiness(new RedisCheck(new RedisBroker(new LazyRedisson(url, 4), client, new RedisKeys("t:", ""))));
            int port = observability.serve(freePort());
            assertEquals(200, get(port, "/readyz").statusCode());
            redis.stop();
            assertEquals(503, get(port, "/readyz").statusCode());
            assertTrue(get(port, "/readyz").body().contains("\"redis\":"), "names the failing check");
            redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"").build();
            redis.start();
            Eventually.await("ready again", Duration.ofSeconds(30), () -> {
                try {
                    return get(port, "/readyz").statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            });
        } finally {
            client.close();
            redis.stop();
        }
    }
}
