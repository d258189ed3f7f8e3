package io.celeriac.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The gate's decisions on one process's store, with a manual clock. */
class FlowGateTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
    final FlowStore store = new LocalFlowStore();
    final FlowRules rules = new FlowRules();
    final FlowGate gate = new FlowGate(store, rules, "w1", clock, Duration.ofSeconds(3), new SplittableRandom(7));
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static ObjectNode kwargs(String key, String value) {
        return JSON.objectNode().put(key, value);
    }

    static final ArrayNode NO_ARGS = JSON.arrayNode();

    @Test
    void a_task_without_limits_runs() {
        assertEquals(Admission.Run.FREE, gate.admit("t", null, "id1", NO_ARGS, JSON.objectNode()));
    }

    @Test
    void a_task_over_its_rate_waits_until_its_reserved_token() {
        FlowLimit own = FlowLimit.rate(FlowLimit.OWN, "2/s");
        assertInstanceOf(Admission.Run.class, gate.admit("t", own, "id1", NO_ARGS, null));
        Admission.Wait wait = assertInstanceOf(Admission.Wait.class, gate.admit("t", own, "id2", NO_ARGS, null));
        assertEquals(clock.instant().plusMillis(500), wait.until());
        assertEquals("t", wait.limit(), "a definition's own limit is named after its task");
        assertEquals(Admission.Kind.RATE, wait.kind());
        clock.set(wait.until());
        assertInstanceOf(Admission.Run.class, gate.admit("t", own, "id2", NO_ARGS, null));
    }

    @Test
    void a_token_due_within_the_pace_is_waited_for_in_place_not_in_the_delayed_set() {
        java.util.List<Long> pauses = new java.util.ArrayList<>();
        gate.pauseWith(millis -> {
            pauses.add(millis);
            clock.advance(Duration.ofMillis(millis));
        });
        FlowLimit own = FlowLimit.rate(FlowLimit.OWN, "10/s");
        Instant start = clock.instant();
        assertInstanceOf(Admission.Run.class, gate.admit("t", own, "id1", NO_ARGS, null));
        assertInstanceOf(Admission.Run.class, gate.admit("t", own, "id2", NO_ARGS, null));
        assertEquals(List.of(100L), pauses, "paused one interval for the booked start");
        assertEquals(start.plusMillis(100), clock.instant());
    }

    @Test
    void at_a_fast_rate_a_runner_whose_clock_read_is_a_millisecond_behind_another_still_runs() {
        FlowLimit own = FlowLimit.rate(FlowLimit.OWN, "1000000/s");
        Instant t = clock.instant();
        gate.pauseWith(millis -> { });
        for (int i = 0; i < 999; i++) {
            assertInstanceOf(Admission.Run.class, gate.admit("t", own, "a" + i, NO_ARGS, null));
        }
        clock.set(t.minusMillis(1));
        assertInstanceOf(Admission.Run.class, gate.admit("t", own, "late-read", NO_ARGS, null), "not sent round the delayed set");
    }

    @Test
    void a_limit_shared_by_two_task_names_is_one_bucket() {
        rules.configure(FlowLimit.rate("api", "1/m"), List.of("a", "b"));
        assertInstanceOf(Admission.Run.class, gate.admit("a", null, "id1", NO_ARGS, null));
        assertInstanceOf(Admission.Wait.class, gate.admit("b", null, "id2", NO_ARGS, null));
    }

    @Test
    void a_per_key_limit_has_a_bucket_per_key() {
        rules.configure(FlowLimit.rate("sync", "1/m").perKey("user_id"), List.of("s"));
        assertInstanceOf(Admission.Run.class, gate.admit("s", null, "id1", NO_ARGS, kwargs("user_id", "u1")));
        assertInstanceOf(Admission.Run.class, gate.admit("s", null, "id2", NO_ARGS, kwargs("user_id", "u2")));
        assertInstanceOf(Admission.Wait.class, gate.admit("s", null, "id3", NO_ARGS, kwargs("user_id", "u1")));
        rules.configure(FlowLimit.concurrency("pos", 1).perKey("args[0]"), List.of("p"));
        assertInstanceOf(Admission.Run.class, gate.admit("p", null, "id4", JSON.arrayNode().add(42), null));
    }

    @Test
    void a_message_without_its_key_or_with_a_huge_one_is_refused_with_the_reason() {
        rules.configure(FlowLimit.concurrency("sync", 1).perKey("user_id"), List.of("s"));
        Admission.Refuse missing = assertInstanceOf(Admission.Refuse.class, gate.admit("s", null, "id1", NO_ARGS, kwargs("other", "x")));
        assertTrue(missing.reason().contains("user_id"), missing.reason());
        Admission.Refuse huge = assertInstanceOf(Admission.Refuse.class,
                gate.admit("s", null, "id2", NO_ARGS, kwargs("user_id", "x".repeat(LimitKey.MAX_BYTES + 1))));
        assertTrue(huge.reason().contains("over the " + LimitKey.MAX_BYTES), huge.reason());
        assertEquals(0, gate.heldSlots());
    }

    @Test
    void one_running_per_key_and_the_slot_comes_back_when_the_task_ends() {
        rules.configure(FlowLimit.concurrency("sync", 1).perKey("user_id"), List.of("s"));
        Admission first = gate.admit("s", null, "id1", NO_ARGS, kwargs("user_id", "u1"));
        assertInstanceOf(Admission.Run.class, first);
        Admission.Wait wait = assertInstanceOf(Admission.Wait.class, gate.admit("s", null, "id2", NO_ARGS, kwargs("user_id", "u1")));
        assertEquals(Admission.Kind.CONCURRENCY, wait.kind());
        assertTrue(!wait.until().isBefore(clock.instant().plusSeconds(1)) && !wait.until().isAfter(clock.instant().plusMillis(1250)),
                "looks again in about a second: " + wait.until());
        gate.release(first);
        assertEquals(0, gate.heldSlots());
        assertInstanceOf(Admission.Run.class, gate.admit("s", null, "id2", NO_ARGS, kwargs("user_id", "u1")));
    }

    @Test
    void a_slot_is_given_back_when_the_rate_then_says_wait() {
        rules.configure(FlowLimit.rate("api", "1/m").withConcurrency(5), List.of("a"));
        assertInstanceOf(Admission.Run.class, gate.admit("a", null, "id1", NO_ARGS, null));
        assertInstanceOf(Admission.Wait.class, gate.admit("a", null, "id2", NO_ARGS, null));
        assertEquals(1, gate.heldSlots(), "only the running task's slot");
    }

    @Test
    void control_sets_the_rate_of_the_tasks_own_limit_over_its_definition_and_zero_clears_it() {
        FlowLimit own = FlowLimit.rate(FlowLimit.OWN, "1/m");
        assertEquals("1/m", rules.rateOf("t", own));
        rules.controlRate("t", "10/s");
        assertEquals("10/s", rules.rateOf("t", own));
        rules.controlRate("t", "0");
        assertEquals(null, rules.rateOf("t", own));
        assertEquals(Admission.Run.FREE, gate.admit("t", own, "id1", NO_ARGS, null));
        org.junit.jupiter.api.Assertions.assertThrows(InvalidLimitException.class, () -> rules.controlRate("t", "10/x"));
    }

    @Test
    void the_slot_renewer_keeps_a_running_tasks_slot_past_its_first_lease() {
        rules.configure(FlowLimit.concurrency("sync", 1), List.of("s"));
        assertInstanceOf(Admission.Run.class, gate.admit("s", null, "id1", NO_ARGS, null));
        FlowGate other = new FlowGate(store, rules, "w2", clock, Duration.ofSeconds(3), new SplittableRandom(8));
        clock.advance(Duration.ofSeconds(2));
        gate.runOnce();
        clock.advance(Duration.ofSeconds(2));
        assertInstanceOf(Admission.Wait.class, other.admit("s", null, "id2", NO_ARGS, null), "renewed: still held at 4 s");
        clock.advance(Duration.ofSeconds(2));
        assertInstanceOf(Admission.Run.class, other.admit("s", null, "id2", NO_ARGS, null), "not renewed since: lapsed");
    }
}
