package io.celeriac.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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

/** {@code celeriac bench unique}, small: every key sent twice, each enqueued send runs once, no lock left behind. */
class UniqueBenchIT {

    @Test
    void half_the_sends_are_duplicates_and_nothing_runs_twice() throws Exception {
        String prefix = TestApp.randomPrefix();
        Path config = Files.createTempFile("celeriac-bench-unique", ".yaml");
        Files.writeString(config, "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\n");
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        var url = TestRedis.url();

        int exit = cli.execute("bench", "unique", "--json", "--sends", "400", "--rate", "0", "--threads", "4",
                "--broker-url", "redis://" + url.host() + ":" + url.port() + "/" + url.database(), "--config", config.toString());

        assertEquals(0, exit, err.toString());
        JsonNode report = Json.mapper().readTree(out.toString());
        assertEquals(0, report.path("duplicate_executions").asLong(), report.toString());
        assertEquals(0, report.path("task_ids_run_twice").asLong(), report.toString());
        assertEquals(0, report.path("missing_executions").asLong(), report.toString());
        assertEquals(400, report.path("enqueued").asLong() + report.path("duplicates_returned").asLong(), report.toString());
        assertEquals(report.path("enqueued").asLong(), report.path("executions").asLong(), report.toString());
        assertTrue(report.path("duplicates_returned").asLong() > 0, report.toString());
        RedissonClient redis = TestRedis.client(2);
        try {
            assertEquals(List.of(), redis.getKeys().getKeysStreamByPattern(prefix + "celeriac:unique:*").toList(), "locks left");
        } finally {
            redis.shutdown();
        }
    }
}
