package io.celeriac.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.cli.Main;
import io.celeriac.core.internal.Json;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import picocli.CommandLine;

/**
 * {@code celeriac bench}, small, with a config file that prefixes every key (kombu's too): every
 * part runs against a real worker process (which must read the same config to find the queue),
 * reports its figures, and leaves nothing behind but the results, which expire.
 */
class BenchCommandIT {

    @Test
    void a_short_bench_reports_every_part_and_cleans_up_its_private_keys() throws Exception {
        String prefix = TestApp.randomPrefix();
        Path config = Files.createTempFile("celeriac-bench", ".yaml");
        Files.writeString(config, "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\n");
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("bench", "--json", "-n", "300", "-c", "4", "--latency-tasks", "20",
                "--broker-url", url(TestRedis.url()), "--config", config.toString());

        assertEquals(0, exit, err.toString());
        JsonNode report = Json.mapper().readTree(out.toString());
        for (String field : List.of("single_per_s", "bulk_per_s")) {
            assertTrue(report.path("enqueue").path(field).asDouble() > 0, field + " in " + report);
        }
        JsonNode drain = report.path("drain");
        assertEquals(300, drain.path("tasks").asInt(), drain.toString());
        assertTrue(drain.path("per_s").asDouble() > 0, drain.toString());
        assertEquals(0, drain.path("exit_code_on_sigterm").asInt(), "the worker's warm shutdown: " + drain);
        JsonNode latency = report.path("latency");
        assertEquals(20, latency.path("tasks").asInt(), latency.toString());
        for (String field : List.of("p50_ms", "p99_ms", "send_call_p99_ms", "ping_p50_ms", "ping_p99_ms")) {
            assertTrue(latency.path(field).asDouble() > 0, field + " in " + latency);
        }
        RedissonClient redis = TestRedis.client(2);
        try {
            List<String> left = redis.getKeys().getKeysStreamByPattern(prefix + "*")
                    .filter(key -> !key.startsWith(prefix + "celery-task-meta-")).toList();
            assertEquals(List.of(), left, "keys left under " + prefix);
            assertTrue(redis.getKeys().getKeysStreamByPattern(prefix + "celery-task-meta-*").findAny().isPresent(),
                    "results stored under the config's kombu prefix");
        } finally {
            redis.shutdown();
        }
    }

    @Test
    void bench_joins_the_celeriac_command_through_its_cli_extension() {
        assertTrue(Main.commandLine().getSubcommands().containsKey("bench"), "listed by --help");
    }

    private static String url(RedisUrl url) {
        return "redis://" + url.host() + ":" + url.port() + "/" + url.database();
    }
}
