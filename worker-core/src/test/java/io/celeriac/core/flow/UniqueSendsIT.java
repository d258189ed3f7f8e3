package io.celeriac.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.core.testing.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sending side of unique tasks against real Redis, on a manual clock (no worker runs): what a
 * duplicate gets, how keys are made, and that every lock ends at its TTL on the clock and carries
 * a Redis TTL no longer than that.
 */
class UniqueSendsIT {
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    Application app;

    @BeforeEach
    void setUp() {
        app = TestApp.create(clock, null);
    }

    @AfterEach
    void tearDown() {
        TestApp.removeKeys(app);
        app.close();
    }

    AsyncResult send(String task, List<?> args, Map<String, ?> kwargs, Unique unique) {
        return app.client().send(task, args, kwargs, SendOptions.defaults().queue("u").unique(unique));
    }

    long waiting() {
        return app.redisBroker().queueDepths("u").values().stream().mapToLong(Long::longValue).sum();
    }

    long delayed() {
        return app.redisBroker().direct().call(jedis -> jedis.zcard(app.keys().delayed()));
    }

    @Test
    void a_duplicate_send_returns_the_first_tasks_id_and_enqueues_nothing() {
        AsyncResult first = send("u.remind", List.of(7), Map.of(), Unique.untilExecuted(Duration.ofMinutes(5)));
        AsyncResult second = send("u.remind", List.of(7), Map.of(), Unique.untilExecuted(Duration.ofMinutes(5)));
        assertFalse(first.duplicate());
        assertTrue(second.duplicate());
        assertEquals(first.id(), second.id());
        assertEquals(1, waiting());
        AsyncResult other = send("u.remind", List.of(8), Map.of(), Unique.untilExecuted(Duration.ofMinutes(5)));
        assertFalse(other.duplicate(), "other arguments, another key");
        assertEquals(2, waiting());
    }

    @Test
    void the_lock_ends_at_its_ttl_on_the_clock_and_its_redis_ttl_is_no_longer() {
        AsyncResult first = send("u.remind", List.of(1), Map.of(), Unique.untilExecuted(Duration.ofMinutes(1)));
        List<RedisLocksView> locks = RedisLocksView.of(app);
        assertEquals(1, locks.size());
        assertTrue(locks.get(0).pttlMillis() > 0 && locks.get(0).pttlMillis() <= 60_000, "Redis TTL " + locks.get(0).pttlMillis());

        clock.advance(Duration.ofSeconds(59));
        assertTrue(send("u.remind", List.of(1), Map.of(), Unique.untilExecuted(Duration.ofMinutes(1))).duplicate());
        clock.advance(Duration.ofSeconds(2));
        AsyncResult after = send("u.remind", List.of(1), Map.of(), Unique.untilExecuted(Duration.ofMinutes(1)));
        assertFalse(after.duplicate(), "the first lock ended at its TTL");
        assertNotEquals(first.id(), after.id());
        assertEquals(2, waiting());
    }

    @Test
    void keyword_arguments_in_another_order_are_the_same_call() {
        AsyncResult a = send("u.sync", List.of(), Map.of("user", 1, "scope", Map.of("x", 1, "y", 2)), Unique.untilStarted(Duration.ofMinutes(1)));
        java.util.LinkedHashMap<String, Object> reordered = new java.util.LinkedHashMap<>();
        java.util.LinkedHashMap<String, Object> scope = new java.util.LinkedHashMap<>();
        scope.put("y", 2);
        scope.put("x", 1);
        reordered.put("scope", scope);
        reordered.put("user", 1);
        AsyncResult b = send("u.sync", List.of(), reordered, Unique.untilStarted(Duration.ofMinutes(1)));
        assertTrue(b.duplicate());
        assertEquals(a.id(), b.id());
        assertFalse(send("u.other", List.of(), Map.of("user", 1), Unique.untilStarted(Duration.ofMinutes(1))).duplicate(),
                "another task name, another key");
    }

    @Test
    void a_key_of_the_callers_or_the_task_id_can_be_the_key() {
        Unique byKey = Unique.untilExecuted(Duration.ofMinutes(1)).key("user-42-digest");
        AsyncResult a = send("u.digest", List.of(1), Map.of(), byKey);
        assertTrue(send("u.digest", List.of(2), Map.of(), byKey).duplicate(), "same key, whatever the arguments");
        assertEquals(a.id(), send("u.other", List.of(), Map.of(), byKey).id());

        SendOptions byId = SendOptions.defaults().queue("u").taskId("fixed-id").unique(Unique.untilExecuted(Duration.ofMinutes(1)).byTaskId());
        assertFalse(app.client().send("u.x", List.of(1), Map.of(), byId).duplicate());
        assertTrue(app.client().send("u.x", List.of(2), Map.of(), byId).duplicate(), "the same id again");
        assertEquals(2, waiting());
    }

    @Test
    void a_key_made_of_chosen_keyword_arguments_ignores_the_others_and_a_send_lacking_one_is_refused() {
        Unique perUser = Unique.untilExecuted(Duration.ofMinutes(1)).onKwargs("user_id");
        AsyncResult a = send("u.sync", List.of(), Map.of("user_id", 7, "since", "monday"), perUser);
        AsyncResult b = send("u.sync", List.of(), Map.of("user_id", 7, "since", "tuesday"), perUser);
        assertTrue(b.duplicate());
        assertEquals(a.id(), b.id());
        assertFalse(send("u.sync", List.of(), Map.of("user_id", 8), perUser).duplicate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> send("u.sync", List.of(7), Map.of(), perUser));
        assertTrue(e.getMessage().contains("user_id"), e.getMessage());
        assertEquals(2, waiting(), "the refused send enqueued nothing");
    }

    @Test
    void throttle_keeps_the_first_within_its_window() {
        AsyncResult first = send("u.ping", List.of(), Map.of(), Unique.throttle(Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(9));
        assertEquals(first.id(), send("u.ping", List.of(), Map.of(), Unique.throttle(Duration.ofSeconds(10))).id());
        clock.advance(Duration.ofSeconds(2));
        assertFalse(send("u.ping", List.of(), Map.of(), Unique.throttle(Duration.ofSeconds(10))).duplicate());
        assertEquals(2, waiting());
    }

    @Test
    void debounce_keeps_the_last_send_and_runs_it_a_window_after() {
        AsyncResult a = send("u.save", List.of("doc"), Map.of(), Unique.debounce(Duration.ofSeconds(5)));
        clock.advance(Duration.ofSeconds(2));
        AsyncResult b = send("u.save", List.of("doc"), Map.of(), Unique.debounce(Duration.ofSeconds(5)));
        clock.advance(Duration.ofSeconds(2));
        AsyncResult c = send("u.save", List.of("doc"), Map.of(), Unique.debounce(Duration.ofSeconds(5)));
        assertFalse(c.duplicate());
        assertTrue(a.id() != null && !a.id().equals(c.id()) && !b.id().equals(c.id()));
        assertEquals(1, delayed(), "only the last waits");
        assertEquals(0, waiting());
        var forwarded = app.redisBroker().forwardDue(clock.instant().plus(Duration.ofSeconds(4)), 10);
        assertEquals(0, forwarded.moved(), "not before a window after the last send");
        assertEquals(1, app.redisBroker().forwardDue(clock.instant().plus(Duration.ofSeconds(5)), 10).moved());
        assertEquals(1, waiting());
    }

    @Test
    void a_huge_or_blank_key_is_refused_at_the_send() {
        assertThrows(IllegalArgumentException.class, () -> Unique.untilExecuted(Duration.ofMinutes(1)).key("k".repeat(300)));
        assertThrows(IllegalArgumentException.class, () -> Unique.untilExecuted(Duration.ofMinutes(1)).key(" "));
        assertThrows(IllegalArgumentException.class, () -> Unique.untilExecuted(Duration.ZERO));
    }

    /** What Redis holds for each lock, read directly. */
    record RedisLocksView(String key, long pttlMillis) {
        static List<RedisLocksView> of(Application app) {
            return app.redisBroker().uniqueLocks().list(100).stream()
                    .map(held -> new RedisLocksView(held.key(),
                            app.redisBroker().direct().call(jedis -> jedis.pttl(app.keys().uniqueLock(held.key())))))
                    .toList();
        }
    }
}
