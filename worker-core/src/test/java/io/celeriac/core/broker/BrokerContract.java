package io.celeriac.core.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.result.ResultBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Broker} must do, said through the interface alone. An implementation's test
 * extends this and supplies a broker and its result backend, each private to the test.
 */
public abstract class BrokerContract {
    static final int MAX = 1 << 20;
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    protected abstract Broker broker();

    protected abstract ResultBackend results();

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    List<Source> sources(String worker, String queue) {
        return broker().sources(worker, List.of(queue));
    }

    List<String> texts(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::text).toList();
    }

    List<String> listsOf(String worker, String queue) {
        return sources(worker, queue).stream().map(Source::list).toList();
    }

    static BrokerOp.StoreResult interim(String id, String status) {
        return new BrokerOp.StoreResult(id, bytes("{\"status\":\"" + status + "\",\"result\":{\"done\":1},\"task_id\":\"" + id + "\"}"),
                60, BrokerOp.Over.NOTHING_READY);
    }

    static BrokerOp.StoreResult result(String id, String status) {
        return new BrokerOp.StoreResult(id, bytes("{\"status\":\"" + status + "\",\"result\":null,\"task_id\":\"" + id + "\"}"),
                60, status.equals("SUCCESS") ? BrokerOp.Over.ANY : BrokerOp.Over.ALL_BUT_SUCCESS);
    }

    @Test
    void fetch_serves_the_most_urgent_bucket_first_and_holds_what_it_took_in_flight() {
        broker().publish("q", 9, bytes("p9"));
        broker().publish("q", 0, bytes("p0-a"));
        broker().publish("q", 3, bytes("p3"));
        broker().publish("q", 0, bytes("p0-b"));
        assertEquals(List.of("p0-a", "p0-b", "p3"), texts(broker().fetch(sources("w1", "q"), 3, MAX)));
        assertEquals(List.of("p9"), texts(broker().fetch(sources("w1", "q"), 3, MAX)));
        assertEquals(4, broker().recover("w1", NOW.plusSeconds(1), listsOf("w1", "q")), "all four were in flight");
        assertEquals(4, broker().fetch(sources("w1", "q"), 10, MAX).size(), "and came back to their queue");
    }

    @Test
    void dead_letters_written_before_a_time_are_dropped_and_later_ones_stay() {
        broker().publish("q", 0, bytes("x".repeat(100)));
        assertTrue(broker().fetch(sources("w9", "q"), 1, 10).get(0).refused(), "an oversized message is dead-lettered");
        Instant stored = broker().time();
        assertEquals(0, broker().dropDeadLetters(stored.minus(Duration.ofHours(1))), "written after that");
        assertEquals(1, broker().dropDeadLetters(stored.plus(Duration.ofHours(1))));
        assertEquals(0, broker().dropDeadLetters(stored.plus(Duration.ofHours(1))), "already gone");
    }

    @Test
    void a_fenced_completion_takes_the_message_out_of_flight_and_writes_its_outcome() {
        broker().publish("q", 0, bytes("m"));
        Delivery delivery = broker().fetch(sources("w2", "q"), 1, MAX).get(0);
        CompletionReport report = broker().complete(List.of(Completion.of(delivery, List.of(result("t-ok", "SUCCESS")))));
        assertEquals(List.of(), report.fenced());
        assertEquals("SUCCESS", results().get("t-ok").orElseThrow().status().name());
        assertEquals(0, broker().recover("w2", NOW.plusSeconds(1), listsOf("w2", "q")), "nothing left in flight");
    }

    @Test
    void a_worker_that_lost_the_message_writes_nothing_for_it() {
        broker().publish("q", 0, bytes("lost"));
        Delivery delivery = broker().fetch(sources("w3", "q"), 1, MAX).get(0);
        broker().recover("w3", NOW.plusSeconds(1), listsOf("w3", "q"));
        CompletionReport report = broker().complete(List.of(Completion.of(delivery, List.of(result("t-lost", "SUCCESS"),
                new BrokerOp.Push("next", 0, bytes("step"), null)))));
        assertEquals(List.of(0), report.fenced());
        assertTrue(results().get("t-lost").isEmpty(), "no result");
        assertEquals(List.of(), broker().fetch(sources("w3", "next"), 10, MAX), "no next step");
        assertEquals(List.of("lost"), texts(broker().fetch(sources("w4", "q"), 10, MAX)), "the message is queued once");
    }

    @Test
    void an_unfenced_completion_writes_whether_or_not_the_message_is_in_flight() {
        broker().publish("q", 0, bytes("early"));
        Delivery delivery = broker().fetch(sources("w5", "q"), 1, MAX).get(0);
        assertTrue(broker().release(delivery), "released once");
        assertFalse(broker().release(delivery), "not twice");
        broker().complete(List.of(new Completion(delivery, false, List.of(result("t-early", "SUCCESS")))));
        assertEquals("SUCCESS", results().get("t-early").orElseThrow().status().name());
    }

    @Test
    void a_later_state_never_replaces_a_stored_success() {
        broker().complete(List.of(new Completion(null, false, List.of(result("t-s", "SUCCESS")))));
        broker().complete(List.of(new Completion(null, false, List.of(result("t-s", "RETRY"), result("t-s", "FAILURE")))));
        assertEquals("SUCCESS", results().get("t-s").orElseThrow().status().name());
        broker().complete(List.of(new Completion(null, false, List.of(result("t-f", "RETRY"), result("t-f", "FAILURE")))));
        assertEquals("FAILURE", results().get("t-f").orElseThrow().status().name());
    }

    @Test
    void a_running_tasks_state_never_replaces_how_it_ended() {
        broker().complete(List.of(new Completion(null, false, List.of(interim("t-p", "STARTED"), interim("t-p", "PROGRESS")))));
        assertEquals("PROGRESS", results().get("t-p").orElseThrow().state(), "an interim state replaces an interim one");
        for (String end : List.of("SUCCESS", "FAILURE", "REVOKED")) {
            broker().complete(List.of(new Completion(null, false, List.of(result("t-" + end, end)))));
            broker().complete(List.of(new Completion(null, false, List.of(interim("t-" + end, "PROGRESS")))));
            assertEquals(end, results().get("t-" + end).orElseThrow().state(), "a late PROGRESS after " + end);
        }
    }

    @Test
    void a_message_over_the_size_limit_is_refused_without_being_handed_over() {
        broker().publish("q", 0, bytes("x".repeat(2000)));
        broker().publish("q", 0, bytes("small"));
        List<Delivery> got = broker().fetch(sources("w6", "q"), 2, 1024);
        assertEquals(2, got.size());
        assertTrue(got.get(0).refused());
        assertEquals(2000, got.get(0).refusedBytes());
        assertEquals(0, got.get(0).raw().length, "its bytes never left the store");
        assertEquals("small", got.get(1).text());
        assertEquals(1, broker().recover("w6", NOW.plusSeconds(1), listsOf("w6", "q")), "only the small one was in flight");
    }

    @Test
    void one_worker_forwards_for_the_fleet_and_another_takes_over_when_its_lease_ends() {
        broker().publishDelayed("fq", 0, bytes("due"), NOW);
        Broker.Forwarded standBy = broker().forwardDueAsForwarder("fw-b", NOW, 100, Duration.ofSeconds(30));
        assertEquals(1, standBy.moved(), "the first to ask takes the lease and forwards");
        assertEquals(null, standBy.standBy());
        broker().publishDelayed("fq", 0, bytes("due too"), NOW);
        Broker.Forwarded waiting = broker().forwardDueAsForwarder("fw-c", NOW, 100, Duration.ofMillis(200));
        assertEquals(0, waiting.moved(), "a standby moves nothing");
        assertTrue(waiting.standBy().compareTo(Duration.ofSeconds(20)) > 0, "and learns how long the lease holds: " + waiting.standBy());
        assertEquals(1, broker().forwardDueAsForwarder("fw-b", NOW, 100, Duration.ofMillis(100)).moved(), "the holder renews (shorter now)");
        io.celeriac.core.testing.Eventually.await("the lease ends and the standby forwards", Duration.ofSeconds(5), () -> {
            broker().publishDelayed("fq", 0, bytes("after"), NOW);
            return broker().forwardDueAsForwarder("fw-c", NOW, 100, Duration.ofSeconds(30)).standBy() == null;
        });
        assertNotNull(broker().forwardDueAsForwarder("fw-b", NOW, 100, Duration.ofSeconds(30)).standBy(), "the old holder stands by now");
        broker().forget("fw-c");
        assertEquals(null, broker().forwardDueAsForwarder("fw-b", NOW, 100, Duration.ofSeconds(30)).standBy(),
                "a holder that leaves cleanly hands over at once");
    }

    @Test
    void a_delayed_message_is_forwarded_once_when_due_and_put_back_messages_come_first() {
        broker().publishDelayed("q", 0, bytes("later"), NOW.plusSeconds(60));
        assertEquals(0, broker().forwardDue(NOW, 100).moved());
        assertEquals(NOW.plusSeconds(60), broker().forwardDue(NOW, 100).nextDue());
        assertEquals(1, broker().forwardDue(NOW.plusSeconds(60), 100).moved());
        assertEquals(0, broker().forwardDue(NOW.plusSeconds(61), 100).moved(), "once");
        broker().publish("q", 0, bytes("next"));
        Delivery later = broker().fetch(sources("w7", "q"), 1, MAX).get(0);
        broker().complete(List.of(Completion.of(later, List.of(new BrokerOp.PushFront(later, null)))));
        assertEquals(List.of("later", "next"), texts(broker().fetch(sources("w8", "q"), 10, MAX)));
    }

    @Test
    void a_watch_wakes_its_consumer_when_a_list_changes_and_takes_nothing() throws Exception {
        java.util.concurrent.Semaphore woken = new java.util.concurrent.Semaphore(0);
        try (Broker.Watch watch = broker().watch(sources("w9", "q"), woken::release)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!watch.live() && System.nanoTime() < deadline) {
                woken.tryAcquire(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                watch.arm();
            }
            assertTrue(watch.live(), "the watch connects");
            assertFalse(watch.arm(), "nothing waits");
            woken.drainPermits();
            broker().publish("q", 3, bytes("arrived"));
            assertTrue(woken.tryAcquire(5, java.util.concurrent.TimeUnit.SECONDS), "the push wakes the consumer");
            assertTrue(watch.arm(), "and the message is seen waiting");
            assertEquals(List.of("arrived"), texts(broker().fetch(sources("w9", "q"), 10, MAX)), "still there to fetch");
        }
    }

    @Test
    void a_worker_beating_within_its_lease_is_not_recovered() {
        broker().heartbeat("alive", NOW, Map.of("sources", String.join("\n", listsOf("alive", "q"))));
        assertEquals(-1, broker().recover("alive", NOW.minusSeconds(1), listsOf("alive", "q")));
        assertEquals(NOW, broker().workerHeartbeats().get("alive"));
        assertFalse(broker().heartbeat("fresh", NOW, Map.of("k", "v")), "a first beat finds no record");
        assertTrue(broker().heartbeat("fresh", NOW, Map.of("k", "v")), "the next one does");
        broker().forget("fresh");
        assertFalse(broker().workerHeartbeats().containsKey("fresh"));
    }

    @Test
    void a_queue_s_last_pickup_only_moves_forward() {
        broker().recordPickups(Map.of("picked", NOW));
        broker().recordPickups(Map.of("picked", NOW.minusSeconds(60), "other", NOW.minusSeconds(5)));
        broker().recordPickups(Map.of());
        assertEquals(NOW, pickupOf("picked"), "a lagging clock cannot move it back");
        assertEquals(NOW.minusSeconds(5), pickupOf("other"));
    }

    /** The stored last pickup of {@code queue} as the store holds it (the exporter reads it there, not through Broker). */
    protected abstract Instant pickupOf(String queue);

    @Test
    void a_recoverer_reads_only_the_workers_silent_past_the_lease() {
        broker().heartbeat("silent-old", NOW.minusSeconds(300), Map.of());
        broker().heartbeat("silent-new", NOW.minusSeconds(60), Map.of());
        broker().heartbeat("beating", NOW, Map.of());
        assertEquals(Map.of("silent-old", NOW.minusSeconds(300), "silent-new", NOW.minusSeconds(60)),
                broker().workersSilentSince(NOW.minusSeconds(30), 10));
        assertEquals(java.util.List.of("silent-old"), java.util.List.copyOf(broker().workersSilentSince(NOW.minusSeconds(30), 1).keySet()),
                "oldest first, at most the limit");
        java.util.List.of("silent-old", "silent-new", "beating").forEach(broker()::forget);
    }

    @Test
    void a_revocation_is_kept_until_its_time_and_announced() throws Exception {
        List<Broker.Revocation> heard = new CopyOnWriteArrayList<>();
        try (AutoCloseable listening = broker().onRevocation(heard::add)) {
            broker().revoke("r-1", NOW.plusSeconds(60), true);
            assertEquals(Set.of("r-1"), broker().revokedAt(NOW));
            assertEquals(Set.of(), broker().revokedAt(NOW.plusSeconds(61)));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (heard.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(List.of(new Broker.Revocation("r-1", true)), new ArrayList<>(heard));
        }
    }
}
