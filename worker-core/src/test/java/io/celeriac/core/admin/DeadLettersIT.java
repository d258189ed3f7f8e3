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
        dead = new DeadLetters(app.redisBroker(), app.codec());
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void requeue_puts_the_exact_message_on_its_priority_bucket_and_removes_the_entry() {
        String raw = seed.envelope("t-1", "mail.send", "emails", 6);
        seed.dead("rejected", "emails", "t-1", "mail.send", NOW, raw);
        DeadLetters.Outcome outcome = dead.requeue(DeadLetterFilter.all(), Instant.now());
        assertEquals(new DeadLetters.Outcome(1, 0, 0, List.of()), outcome);
        assertEquals(List.of(raw), app.redis().<String>getList(app.keys().queueList("emails", 6)).readAll());
        assertEquals(0, app.redis().getList(app.keys().dead()).size());
        assertTrue(app.redis().<String>getSet(app.keys().binding("emails")).contains(io.celeriac.core.broker.redis.RedisKeys.bindingMember("emails")));
    }

    @Test
    void requeuing_twice_publishes_once() {
        seed.dead("rejected", "emails", "t-2", "mail.send", NOW, seed.envelope("t-2", "mail.send", "emails", 0));
        dead.requeue(DeadLetterFilter.all(), Instant.now());
        assertEquals(new DeadLetters.Outcome(0, 0, 0, List.of()), dead.requeue(DeadLetterFilter.all(), Instant.now()));
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
        DeadLetters.Outcome outcome = dead.drop(new DeadLetterFilter("sms", null, List.of()), Instant.now(), false);
        assertEquals(1, outcome.touched());
        assertEquals(List.of("a"), ids(dead.select(DeadLetterFilter.all(), 10)));
    }

    @Test
    void an_entry_without_a_queue_is_skipped_with_a_reason_not_lost() {
        seed.dead("broken", null, "x", null, NOW, "not json at all");
        DeadLetters.Outcome outcome = dead.requeue(DeadLetterFilter.all(), Instant.now());
        assertEquals(0, outcome.touched());
        assertEquals(1, outcome.skipped());
        assertTrue(outcome.reasons().get(0).contains("names no queue"), outcome.reasons().toString());
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

    @Test
    void a_requeue_into_a_key_of_the_wrong_type_loses_nothing() {
        String raw = seed.envelope("w-1", "mail.send", "emails", 0);
        seed.dead("rejected", "emails", "w-1", "mail.send", NOW, raw);
        seed.dead("rejected", "sms", "w-2", "sms.send", NOW, seed.envelope("w-2", "sms.send", "sms", 0));
        app.redis().<String, String>getMap(app.keys().queueList("emails", 0)).put("not", "a list");
        DeadLetters.Outcome outcome = dead.requeue(DeadLetterFilter.all(), Instant.now());
        assertEquals(1, outcome.touched(), "the other entry still went");
        assertEquals(1, outcome.skipped());
        assertTrue(outcome.reasons().get(0).contains("is a hash, not a queue list"), outcome.reasons().toString());
        assertEquals(List.of("w-1"), ids(dead.select(DeadLetterFilter.all(), 10)), "the entry stays a dead letter");
        assertEquals(1, app.redis().getList(app.keys().queueList("sms", 0)).size());
    }

    @Test
    void a_workflow_step_kept_as_its_signature_is_refused_not_pushed() {
        String signature = "{\"task\":\"chord.body\",\"args\":[],\"kwargs\":{},\"options\":{},\"subtask_type\":null}";
        seed.dead("workflow step could not be sent", "emails", "p-1", "mail.send", NOW, signature);
        DeadLetters.Outcome outcome = dead.requeue(DeadLetterFilter.all(), Instant.now());
        assertEquals(0, outcome.touched());
        assertTrue(outcome.reasons().get(0).contains("workflow step kept as its signature"), outcome.reasons().toString());
        assertEquals(1, app.redis().getList(app.keys().dead()).size());
        assertEquals(0, app.redis().getList(app.keys().queueList("emails", 0)).size());
    }

    @Test
    void requeue_is_byte_exact_for_invalid_utf8() {
        byte[] message = seed.envelope("u-1", "mail.send", "emails", 0).replace("\"u-1\"", "\"u-1\",\"x\":\"\u00ff\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] broken = java.util.Arrays.copyOf(message, message.length);
        for (int i = 0; i < broken.length - 1; i++) {
            if ((broken[i] & 0xff) == 0xc3 && (broken[i + 1] & 0xff) == 0xbf) {
                broken[i] = (byte) 0xff; // a lone 0xFF: never valid UTF-8
            }
        }
        byte[] entry = new io.celeriac.core.broker.DeadLetterEntry("r", "emails", "u-1", "mail.send", NOW, broken).encode();
        app.redisBroker().direct().lpush(app.keys().dead().getBytes(java.nio.charset.StandardCharsets.UTF_8), entry);
        assertEquals(1, dead.requeue(DeadLetterFilter.all(), Instant.now()).touched());
        byte[] pushed = app.redisBroker().direct().call(j -> j.rpop(app.keys().queueList("emails", 0).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        org.junit.jupiter.api.Assertions.assertArrayEquals(broken, pushed);
    }

    @Test
    void entries_newer_than_the_survey_are_left_alone() {
        seed.dead("r", "emails", "old", "mail.send", NOW, seed.envelope("old", "mail.send", "emails", 0));
        seed.dead("r", "emails", "new", "mail.send", NOW.plusSeconds(60), seed.envelope("new", "mail.send", "emails", 0));
        assertEquals(1, dead.drop(DeadLetterFilter.all(), NOW.plusSeconds(1), false).touched());
        assertEquals(List.of("new"), ids(dead.select(DeadLetterFilter.all(), 10)));
    }

    private static List<String> ids(List<DeadLetter> letters) {
        return letters.stream().map(l -> l.entry().taskId()).toList();
    }
}
