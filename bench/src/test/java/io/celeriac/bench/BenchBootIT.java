package io.celeriac.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.cli.Main;
import io.celeriac.core.internal.Json;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * {@code celeriac bench boot}, one run with 20 tasks waiting, to prove it works (its figures are
 * the bench's business, not a test's): a row for Celeriac's worker with every figure, Celery's
 * beside when this machine has Celery, and no key left behind: none under its
 * key prefix, none of its queue (the result keys are deleted after each run, by the ids sent).
 */
class BenchBootIT {

    @Test
    void one_boot_run_reports_every_row_and_leaves_no_keys() throws Exception {
        String prefix = TestApp.randomPrefix();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        RedissonClient redis = TestRedis.client(2);
        try {
            int exit = cli.execute("bench", "boot", "--json", "-n", "1", "--warm-ups", "0", "--waiting", "20",
                    "--broker-url", url(TestRedis.url()), "--key-prefix", prefix + "celeriac:");

            assertEquals(0, exit, err.toString());
            JsonNode report = Json.mapper().readTree(out.toString());
            List<String> systems = new ArrayList<>();
            for (JsonNode row : report.path("rows")) {
                assertFalse(row.has("failed"), "no worker failed: " + row);
                assertEquals(20, row.path("waiting").asInt(), row.toString());
                assertEquals(1, row.path("runs").asInt(), row.toString());
                for (String figure : List.of("first_result_s", "drain_incl_boot_s", "ready_s", "peak_rss_mb", "idle_rss_mb", "idle_threads")) {
                    assertTrue(row.at("/" + figure + "/median").asDouble() > 0, figure + " in " + row);
                }
                assertTrue(row.at("/drain_incl_boot_s/median").asDouble() >= row.at("/first_result_s/median").asDouble(), row.toString());
                systems.add(row.path("system").asText());
            }
            assertTrue(systems.contains("celeriac"), "Celeriac's row: " + report);
            if (report.path("celery").isTextual()) {
                assertTrue(systems.contains("celery"), "Celery's row beside: " + report);
                assertTrue(report.path("drain_ratio_vs_celery").size() > 0, report.toString());
            } else {
                assertTrue(report.path("celery_missing").isTextual(), "why Celery was not run: " + report);
            }
            assertEquals(List.of(), redis.getKeys().getKeysStreamByPattern(prefix + "*").toList(), "keys left under " + prefix);
            String queue = report.path("queue").asText();
            assertTrue(queue.startsWith("bench-boot-"), report.toString());
            assertEquals(List.of(), redis.getKeys().getKeysStreamByPattern("*" + queue + "*").toList(), "the queue's keys left");
        } finally {
            redis.shutdown();
        }
    }

    private static String url(RedisUrl url) {
        return "redis://" + url.host() + ":" + url.port() + "/" + url.database();
    }
}
