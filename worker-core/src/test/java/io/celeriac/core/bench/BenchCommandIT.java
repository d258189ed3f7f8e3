package io.celeriac.core.bench;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import picocli.CommandLine;

/** {@code celeriac bench}, small: every part runs against a real worker process, reports its figures, and leaves no keys behind. */
class BenchCommandIT {

    @Test
    void a_short_bench_reports_every_part_and_cleans_up_its_private_keys() throws Exception {
        String prefix = TestApp.randomPrefix();
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("bench", "--json", "-n", "300", "-c", "4", "--latency-tasks", "20",
                "--broker-url", url(TestRedis.url()), "--key-prefix", prefix + "celeriac:");

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
            assertEquals(0, redis.getKeys().getKeysStreamByPattern(prefix + "*").count(), "keys left under " + prefix);
        } finally {
            redis.shutdown();
        }
    }

    private static String url(RedisUrl url) {
        return "redis://" + url.host() + ":" + url.port() + "/" + url.database();
    }
}
