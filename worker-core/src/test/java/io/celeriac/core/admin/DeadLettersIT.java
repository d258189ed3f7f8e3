package io.celeriac.core.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.testing.TestApp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLettersIT {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Application app;
    FleetSeed seed;
    DeadLetters dead;

    @BeforeEach
    void start() {
        app = TestApp.create();
        seed = new FleetSeed(app);
        dead = new DeadLetters(app.broker(), app.codec());
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void requeue_puts_the_exact_message_on_its_priority_bucket_and_removes_the_entry() {
        String raw = seed.envelope("t-1", "mail.send", "emails", 6);
        seed.dead("rejected", "emails", "t-1", "mail.send", NOW, raw);
        DeadLetters.Outcome outcome = dead.requeue(dead.select(DeadLetterFilter.all(), 10));
        assertEquals(new DeadLetters.Outcome(1, 0, List.of()), outcome);
        assertEquals(List.of(raw), app.redis().<String>getList(app.keys().queueList("emails", 6)).readAll());
        assertEquals(0, app.redis().getList(app.keys().dead()).size());
        assertTrue(app.redis().<String>getSet(app.keys().binding("emails")).contains(io.celeriac.core.broker.redis.RedisKeys.bindingMember("emails")));
    }

    @Test
    void requeuing_the_same_selection_twice_publishes_it_once() {
        seed.dead("rejected", "emails", "t-2", "mail.send", NOW, seed.envelope("t-2", "mail.send", "emails", 0));
        List<DeadLetter> selection = dead.select(DeadLetterFilter.all(), 10);
        dead.requeue(selection);
        assertEquals(new DeadLetters.Outcome(0, 1, List.of()), dead.requeue(selection));
        assertEquals(1, app.redis().getList(app.keys().queueList("emails", 0)).size());
    }

    @Test
    void filters_select_by_queue_task_glob_and_id_newest_first() {
        seed.dead("r", "emails", "a", "mail.send", NOW, seed.envelope("a", "mail.send", "emails", 0));
        seed.dead("r", "sms", "b", "sms.send", NOW, seed.envelope("b", "sms.send", "sms", 0));
        seed.dead("r", "emails", "c", "mail.digest", NOW, seed.envelope("c", "mail.digest", "emails", 0));
        assertEquals(List.of("c", "a"), ids(dead.select(new DeadLetterFilter("emails", null, List.of()), 10)));
        assertEquals(List.of("c", "a"), ids(dead.select(new DeadLetterFilter(null, "mail.*", List.of()), 10)));
        assertEquals(List.of("b"), ids(dead.select(new DeadLetterFilter(null, null, List.of("b")), 10)));
        assertEquals(List.of("c"), ids(dead.select(DeadLetterFilter.all(), 1)));
    }

    @Test
    void drop_deletes_only_the_selected_entries_and_counts_them() {
        seed.dead("r", "emails", "a", "mail.send", NOW, seed.envelope("a", "mail.send", "emails", 0));
        seed.dead("r", "sms", "b", "sms.send", NOW, seed.envelope("b", "sms.send", "sms", 0));
        DeadLetters.Outcome outcome = dead.drop(dead.select(new DeadLetterFilter("sms", null, List.of()), 10));
        assertEquals(1, outcome.touched());
        assertEquals(List.of("a"), ids(dead.select(DeadLetterFilter.all(), 10)));
    }

    @Test
    void an_entry_without_a_queue_is_skipped_with_a_reason_not_lost() {
        seed.dead("broken", null, "x", null, NOW, "not json at all");
        DeadLetters.Outcome outcome = dead.requeue(dead.select(DeadLetterFilter.all(), 10));
        assertEquals(0, outcome.touched());
        assertEquals(1, outcome.skipped().size());
        assertEquals(1, app.redis().getList(app.keys().dead()).size());
    }

    @Test
    void find_accepts_a_task_id_or_a_position() {
        seed.dead("r", "emails", "a", "mail.send", NOW, seed.envelope("a", "mail.send", "emails", 0));
        seed.dead("r", "emails", "b", "mail.send", NOW, seed.envelope("b", "mail.send", "emails", 0));
        assertEquals("b", dead.find("#0").orElseThrow().entry().taskId());
        assertEquals("a", dead.find("1").orElseThrow().entry().taskId());
        assertEquals(1, dead.find("a").orElseThrow().position());
        assertTrue(dead.find("#7").isEmpty());
    }

    private static List<String> ids(List<DeadLetter> letters) {
        return letters.stream().map(l -> l.entry().taskId()).toList();
    }
}
