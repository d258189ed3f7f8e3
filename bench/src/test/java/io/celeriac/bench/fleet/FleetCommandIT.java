package io.celeriac.bench.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.cli.Main;
import io.celeriac.core.internal.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code celeriac bench fleet}, tiny: two in-JVM workers on a private redis-server, every figure
 * reported, every probe answered; a bad option is a usage error.
 */
class FleetCommandIT {

    @Test
    void a_tiny_fleet_reports_its_idle_cost_pickup_and_forwarding() throws Exception {
        assumeTrue(PrivateRedis.available(), "redis-server is not on the PATH");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("bench", "fleet", "--json", "--workers", "2", "--queues", "2", "--window", "2s",
                "--settle", "1s", "--pickup-workers", "2", "--delayed", "10", "--burst", "1000");

        assertEquals(0, exit, err.toString());
        JsonNode report = Json.mapper().readTree(out.toString());
        JsonNode run = report.path("runs").path(0);
        assertEquals("in-jvm", run.path("mode").asText(), run.toString());
        assertEquals(2, run.path("workers").asInt());
        assertTrue(run.path("commands_per_s").asDouble() > 0, run.toString());
        for (String field : List.of("redis_cpu_ms_per_s", "pickup_start_p50_ms", "pickup_start_p99_ms", "late_p50_ms", "late_p99_ms")) {
            assertTrue(run.has(field), field + " in " + run);
        }
        assertEquals(2 * 2 * 4, run.path("pickup_tasks").asInt(), "every queue and priority bucket of both workers");
        assertEquals(0, run.path("pickup_missed").asInt(), run.toString());
        assertEquals(0, run.path("delayed_missed").asInt(), run.toString());
        assertEquals(1000, report.path("burst").path("burst_forwarded").asInt(), report.toString());
    }

    @Test
    void a_bad_option_is_a_usage_error() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertEquals(2, cli.execute("bench", "fleet", "--redis", "somewhere"));
        assertTrue(err.toString().contains("--redis must be private or configured"), err.toString());
    }
}
