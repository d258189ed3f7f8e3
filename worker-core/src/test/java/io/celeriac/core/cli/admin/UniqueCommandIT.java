package io.celeriac.core.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.flow.Unique;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code celeriac unique list|clear}: what locks are held, and clearing one lets the next send in. */
class UniqueCommandIT {
    static AdminCli cli;

    @BeforeAll
    static void start() {
        cli = AdminCli.create("queues: [celery]\n");
    }

    @AfterAll
    static void stop() {
        cli.close();
    }

    AsyncResult send() {
        return cli.app.client().send("u.digest", List.of(42), Map.of(),
                SendOptions.defaults().unique(Unique.untilExecuted(Duration.ofHours(1)).key("user-42-digest")));
    }

    @Test
    void list_shows_the_lock_and_clear_lets_the_next_send_in() {
        AsyncResult first = send();
        JsonNode locks = cli.run("unique", "list", "--json").json().path("locks");
        assertEquals(1, locks.size(), locks.toString());
        assertEquals("key:user-42-digest", locks.get(0).path("key").asText());
        assertEquals(first.id(), locks.get(0).path("task_id").asText());
        assertTrue(cli.run("unique", "list").out().contains("key:user-42-digest"));
        assertTrue(send().duplicate());

        AdminCli.Result cleared = cli.run("unique", "clear", "key:user-42-digest", "--json");
        assertEquals(0, cleared.exit(), cleared.err());
        assertEquals(1, cleared.json().path("cleared").asInt());
        assertFalse(send().duplicate());
    }

    @Test
    void a_huge_key_exits_2() {
        assertEquals(2, cli.run("unique", "clear", "k".repeat(300)).exit());
    }
}
