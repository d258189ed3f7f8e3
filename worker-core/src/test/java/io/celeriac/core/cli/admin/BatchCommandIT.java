package io.celeriac.core.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.broker.BrokerOp;
import io.celeriac.core.broker.Completion;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskClient;
import io.celeriac.core.flow.batch.Batches;
import io.celeriac.core.testing.TestApp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code celeriac batch list|show}, tables and JSON, over batches seeded in Redis; bad ids exit 2. */
class BatchCommandIT {
    static AdminCli cli;
    static String running;
    static String finished;

    @BeforeAll
    static void seed() {
        cli = AdminCli.create("queues: [celery]\n");
        Batches batches = cli.app.client().batches();
        TaskClient.Request work = new TaskClient.Request("cli.work", List.of(1), Map.of(), SendOptions.defaults());
        running = batches.open(new Batches.Plan("nightly import", null, null, null));
        batches.add(running, List.of(work, work, work));
        batches.seal(running);
        // opened a second later by its clock, so "newest first" has one answer
        Batches later = new Batches(cli.app.client(), cli.app.redisBroker(), Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1)),
                new SplittableRandom(3));
        finished = later.open(new Batches.Plan("", work, null, null));
        String only = later.add(finished, List.of(work)).get(0);
        later.seal(finished);
        cli.app.redisBroker().complete(List.of(new Completion(null, false,
                List.of(new BrokerOp.BatchPart(finished, only, false, System.currentTimeMillis())))));
    }

    @AfterAll
    static void close() {
        TestApp.removeKeys(cli.app);
        cli.close();
    }

    @Test
    void show_prints_the_counts_of_a_running_batch() {
        AdminCli.Result result = cli.run("batch", "show", running);

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("state:        running"), result.out());
        assertTrue(result.out().contains("total:        3"), result.out());
        assertTrue(result.out().contains("pending:      3"), result.out());
        assertTrue(result.out().contains("description:  nightly import"), result.out());
    }

    @Test
    void show_json_has_every_count_and_the_completion_time() {
        JsonNode json = cli.run("batch", "show", finished, "--json").json();

        assertEquals("complete", json.path("state").asText());
        assertEquals(1, json.path("total").asInt());
        assertEquals(0, json.path("pending").asInt());
        assertEquals(0, json.path("succeeded").asInt());
        assertEquals(1, json.path("failed").asInt());
        assertTrue(json.path("completed_at").isTextual());
        assertTrue(json.path("succeeded_at").isNull());
    }

    @Test
    void list_shows_both_batches_newest_first_as_a_table_and_as_json() {
        AdminCli.Result table = cli.run("batch", "list");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().startsWith("BATCH ID"), table.out());
        assertTrue(table.out().indexOf(finished) < table.out().indexOf(running), table.out());

        JsonNode items = cli.run("batch", "list", "--json").json().path("batches");
        assertEquals(2, items.size());
        assertEquals(finished, items.get(0).path("id").asText());
        assertEquals("running", items.get(1).path("state").asText());
    }

    @Test
    void a_malformed_id_exits_2_and_an_unknown_one_exits_1() {
        AdminCli.Result malformed = cli.run("batch", "show", "no such id");
        assertEquals(2, malformed.exit());
        assertTrue(malformed.err().contains("not a batch id"), malformed.err());

        AdminCli.Result unknown = cli.run("batch", "show", "0000-unknown");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("no batch 0000-unknown"), unknown.err());

        assertEquals(2, cli.run("batch", "list", "--limit", "0").exit());
    }
}
