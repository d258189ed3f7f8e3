package io.celeriac.core.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.admin.FleetSeed;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** purge, dead requeue/drop and revoke: they ask first, refuse without input, and count what they touched. */
class DestructiveCommandsIT {
    AdminCli cli;
    FleetSeed seed;

    @BeforeEach
    void start() {
        cli = AdminCli.create("queues: [celery, emails]\n");
        seed = new FleetSeed(cli.app);
        seed.queued("emails", 0, seed.envelope(FleetSeed.newId(), "mail.send", "emails", 0));
        seed.queued("emails", 9, seed.envelope(FleetSeed.newId(), "mail.send", "emails", 9));
        Instant at = Instant.now();
        seed.dead("rejected: bad address", "emails", "d-1", "mail.send", at, seed.envelope("d-1", "mail.send", "emails", 0));
        seed.dead("unregistered task sms.x", "sms", "d-2", "sms.x", at, seed.envelope("d-2", "sms.x", "sms", 0));
    }

    @AfterEach
    void close() {
        cli.close();
    }

    long ready(String queue) {
        return cli.app.keys().queueLists(queue).stream().mapToLong(l -> cli.app.redis().getList(l).size()).sum();
    }

    long deadCount() {
        return cli.app.redis().getList(cli.app.keys().dead()).size();
    }

    @Test
    void purge_without_input_refuses_with_exit_2_and_touches_nothing() {
        AdminCli.Result result = cli.run("purge", "emails");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("pass --yes"), result.err());
        assertEquals(2, ready("emails"));
    }

    @Test
    void purge_answered_no_aborts_with_exit_1() {
        AdminCli.Result result = cli.runWithInput("n\n", "purge", "emails");
        assertEquals(1, result.exit());
        assertTrue(result.err().contains("Delete 2 ready message(s) from queue emails on redis://"), result.err());
        assertEquals(2, ready("emails"));
    }

    @Test
    void purge_answered_yes_empties_every_bucket_and_says_how_many() {
        AdminCli.Result result = cli.runWithInput("y\n", "purge", "emails");
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().strip().startsWith("purged 2 ready message(s) from queue emails on redis://127.0.0.1:6379/"), result.out());
        assertEquals(0, ready("emails"));
    }

    @Test
    void purge_with_yes_and_json_reports_the_count() {
        JsonNode doc = cli.run("purge", "emails", "--yes", "--json").json();
        assertEquals(2, doc.path("purged").asInt());
        assertEquals(0, ready("emails"));
    }

    @Test
    void purge_of_an_invalid_queue_name_is_a_usage_error() {
        assertEquals(2, cli.run("purge", "bad name", "--yes").exit());
    }

    @Test
    void dead_list_filters_by_queue_and_hides_the_message() {
        JsonNode dead = cli.run("dead", "list", "--queue", "sms", "--json").json().path("dead");
        assertEquals(1, dead.size());
        assertEquals("d-2", dead.at("/0/task_id").asText());
        assertTrue(dead.at("/0/message").isMissingNode(), "list leaves payloads out");
    }

    @Test
    void dead_show_prints_one_entry_with_its_message() {
        JsonNode entry = cli.run("dead", "show", "d-1", "--json").json();
        assertEquals("rejected: bad address", entry.path("reason").asText());
        assertTrue(entry.path("message").asText().contains("\"d-1\""));
        assertEquals(1, cli.run("dead", "show", "nope").exit());
    }

    @Test
    void dead_requeue_dry_run_counts_without_touching() {
        JsonNode doc = cli.run("dead", "requeue", "--task", "mail.*", "--dry-run", "--json").json();
        assertEquals(1, doc.path("matched").asInt());
        assertEquals(0, doc.path("requeued").asInt());
        assertEquals(2, deadCount());
    }

    @Test
    void dead_requeue_with_yes_puts_messages_back_and_counts_them() {
        JsonNode doc = cli.run("dead", "requeue", "d-1", "--yes", "--json").json();
        assertEquals(1, doc.path("requeued").asInt());
        assertEquals(3, ready("emails"));
        assertEquals(1, deadCount());
    }

    @Test
    void dead_drop_asks_and_deletes_what_matched() {
        assertEquals(2, cli.run("dead", "drop", "--queue", "sms").exit());
        assertEquals(2, deadCount());
        AdminCli.Result result = cli.runWithInput("yes\n", "dead", "drop", "--queue", "sms");
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.err().contains("Drop 1 dead letter(s) on redis://"), result.err());
        assertEquals("dropped 1 of 1 dead letter(s)", result.out().strip());
        assertEquals(1, deadCount());
    }

    @Test
    void revoke_keeps_the_id_past_a_delayed_tasks_due_time() {
        String id = FleetSeed.newId();
        Instant due = Instant.now().plus(3, ChronoUnit.DAYS);
        seed.delayed("celery", 0, seed.envelope(id, "celeriac.add", "celery", 0, due, null, 0), due);
        JsonNode doc = cli.run("revoke", id, "--terminate", "--json").json();
        assertEquals(1, doc.path("revoked").asInt());
        Instant keptUntil = Instant.parse(doc.at("/keep_until/" + id).asText());
        assertTrue(keptUntil.isAfter(due), keptUntil + " should outlast " + due);
        Double score = cli.app.redis().<String>getScoredSortedSet(cli.app.keys().revoked()).getScore(id);
        assertEquals(keptUntil.toEpochMilli(), score.longValue());
        assertEquals("delayed", cli.run("task", id, "--json").json().path("state").asText());
    }

    @Test
    void purge_without_names_empties_the_configured_queues_minus_excluded_ones() {
        seed.queued("celery", 0, seed.envelope(FleetSeed.newId(), "celeriac.add", "celery", 0));
        JsonNode doc = cli.run("purge", "-X", "celery", "--force", "--json").json();
        assertEquals(2, doc.path("purged").asInt());
        assertTrue(doc.path("server").asText().startsWith("redis://127.0.0.1:6379/"), doc.toString());
        assertEquals(0, ready("emails"));
        assertEquals(1, ready("celery"));
    }

    @Test
    void purge_refuses_internal_keys_other_lists_and_wrong_types_and_touches_nothing() {
        var redis = cli.app.redis();
        String prefix = cli.app.keys().celeryPrefix();
        redis.<String>getList(prefix + "session:list").add("user-42");
        redis.<String, String>getMap(prefix + "hashy").put("a", "b");
        seed.inflight("w1@h", "emails", 0, seed.envelope(FleetSeed.newId(), "mail.send", "emails", 0));
        String inflight = cli.app.keys().inflight("w1@h", cli.app.keys().queueList("emails", 0)).substring(prefix.length());
        for (String name : new String[] {cli.app.keys().dead().substring(prefix.length()), inflight, "session:list", "hashy",
                "_kombu.binding.emails", "unacked"}) {
            AdminCli.Result result = cli.run("purge", name, "--force");
            assertEquals(2, result.exit(), name + ": " + result.err());
            assertTrue(result.err().startsWith("celeriac: refusing to purge " + name + " on redis://"), result.err());
            assertEquals(1, result.err().strip().lines().count(), result.err());
        }
        assertEquals(1, redis.getList(prefix + "session:list").size());
        assertEquals(2, deadCount());
        assertEquals(1, redis.getList(cli.app.keys().inflight("w1@h", cli.app.keys().queueList("emails", 0))).size());
    }

    @Test
    void purge_of_a_queue_that_does_not_exist_exits_1() {
        AdminCli.Result result = cli.run("purge", "nonexistent", "--force");
        assertEquals(1, result.exit(), result.err());
        assertTrue(result.err().contains("no queue nonexistent on redis://"), result.err());
    }

    @Test
    void dead_drop_without_a_selection_needs_all() {
        AdminCli.Result result = cli.run("dead", "drop", "--yes");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("pass --all"), result.err());
        assertEquals(2, deadCount());
        assertEquals(2, cli.run("dead", "drop", "--all", "--yes", "--json").json().path("dropped").asInt());
        assertEquals(0, deadCount());
    }

    @Test
    void dead_requeue_of_unknown_ids_exits_1_naming_them() {
        AdminCli.Result result = cli.run("dead", "requeue", "nope-1", "d-1", "--yes");
        assertEquals(1, result.exit());
        assertTrue(result.err().contains("no dead letter for task nope-1"), result.err());
        assertEquals(3, ready("emails"), "the known one was requeued");
        assertEquals(1, cli.run("dead", "drop", "nope-2", "--yes").exit());
    }

    @Test
    void dead_requeue_warns_when_the_task_already_succeeded() {
        cli.app.redis().<String>getBucket(cli.app.keys().result("d-1")).set("{\"status\": \"SUCCESS\", \"task_id\": \"d-1\"}");
        AdminCli.Result result = cli.run("dead", "requeue", "d-1", "--dry-run");
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.err().contains("1 of them already succeeded (SUCCESS)"), result.err());
    }
}
