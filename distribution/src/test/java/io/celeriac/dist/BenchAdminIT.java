package io.celeriac.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.cli.Main;
import io.celeriac.core.internal.Json;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import io.celeriac.db.DatabaseUrl;
import io.celeriac.db.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import picocli.CommandLine;

/**
 * {@code celeriac bench admin}, one run of each command, to prove it works (its figures are the
 * bench's business, not a test's): here, on the whole system's class path, {@code ai create}
 * included, and Celery's commands beside when this machine has Celery. Nothing stays behind.
 */
class BenchAdminIT {

    @Test
    void one_run_of_each_admin_command_is_reported_and_nothing_stays_behind() throws Exception {
        String prefix = TestApp.randomPrefix();
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("bench", "admin", "--json", "-n", "1", "--warm-ups", "0",
                "--broker-url", "redis://" + TestRedis.url().host() + ":" + TestRedis.url().port() + "/" + TestRedis.url().database(),
                "--key-prefix", prefix + "celeriac:", "--database-url", serverUrl());

        assertEquals(0, exit, err.toString());
        JsonNode report = Json.mapper().readTree(out.toString());
        List<String> measured = new ArrayList<>();
        for (JsonNode row : report.path("commands")) {
            assertFalse(row.has("failed"), "no command failed: " + row);
            if (row.has("wall_s")) {
                assertTrue(row.at("/wall_s/median").asDouble() > 0, row.toString());
                measured.add(row.path("cli").asText() + " " + row.path("name").asText());
            }
        }
        for (String name : List.of("status", "send", "result", "inspect ping", "ai create")) {
            assertTrue(measured.contains("celeriac " + name), name + " measured: " + report);
        }
        if (report.path("celery").isTextual()) {
            for (String name : List.of("status", "send", "result", "inspect ping")) {
                assertTrue(measured.contains("celery " + name), "celery " + name + " measured beside: " + report);
            }
        }
        RedissonClient redis = TestRedis.client(2);
        try {
            assertEquals(List.of(), redis.getKeys().getKeysStreamByPattern(prefix + "*").toList(), "keys left under " + prefix);
        } finally {
            redis.shutdown();
        }
    }

    /** The test PostgreSQL's server, for the bench's private database. */
    private static String serverUrl() {
        DatabaseUrl base = TestDatabase.url();
        String jdbc = base.jdbcUrl();
        String server = jdbc.substring("jdbc:postgresql://".length(), jdbc.indexOf('/', "jdbc:postgresql://".length()));
        return "postgresql://" + (base.username() != null ? base.username() : "postgres") + "@" + server + "/postgres";
    }
}
