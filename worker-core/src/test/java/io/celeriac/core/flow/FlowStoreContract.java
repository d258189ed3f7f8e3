package io.celeriac.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FlowStore} does, the Redis one and the in-process one alike: GCRA tokens with
 * reservations in arrival order, and slots that lapse with their lease. Times are arguments, so
 * nothing here waits.
 */
abstract class FlowStoreContract {
    static final long T0 = 1_800_000_000_000L;
    static final Rate TEN_PER_SECOND = Rate.parse("10/s");

    /** A store with no state yet (a fresh key prefix for Redis). */
    abstract FlowStore store();

    /** A token with no pausing: 0 to run now, else when to come back from the delayed set. */
    static long take(FlowStore store, String bucket, Rate rate, String taskId, long now, long grace) {
        FlowStore.Token token = store.takeToken(bucket, rate, taskId, now, grace, 0);
        assertTrue(token.kind() != FlowStore.Token.Kind.AT, "no pause without a pace: " + token);
        return token.kind() == FlowStore.Token.Kind.NOW ? 0 : token.atMillis();
    }

    @Test
    void the_first_token_is_free_and_the_next_ones_are_reserved_one_interval_apart_in_arrival_order() {
        FlowStore store = store();
        assertEquals(0, take(store, "b", TEN_PER_SECOND, "t1", T0, 500));
        assertEquals(T0 + 100, take(store, "b", TEN_PER_SECOND, "t2", T0, 500));
        assertEquals(T0 + 200, take(store, "b", TEN_PER_SECOND, "t3", T0 + 10, 500));
        assertEquals(T0 + 300, take(store, "b", TEN_PER_SECOND, "t4", T0 + 20, 500));
    }

    @Test
    void a_task_back_on_its_reserved_token_runs_without_taking_another() {
        FlowStore store = store();
        take(store, "b", TEN_PER_SECOND, "t1", T0, 500);
        long slot = take(store, "b", TEN_PER_SECOND, "t2", T0, 500);
        assertEquals(0, take(store, "b", TEN_PER_SECOND, "t2", slot + 5, 500), "runs on its reservation");
        assertEquals(T0 + 200, take(store, "b", TEN_PER_SECOND, "t3", slot + 6, 500),
                "the next task waits behind the reserved token, not behind a second one");
    }

    @Test
    void late_tasks_coming_back_together_start_spaced_keeping_their_reservations() {
        FlowStore store = store();
        take(store, "b", TEN_PER_SECOND, "t1", T0, 5000);
        take(store, "b", TEN_PER_SECOND, "t2", T0, 5000);
        take(store, "b", TEN_PER_SECOND, "t3", T0, 5000);
        long late = T0 + 1000;
        assertEquals(0, take(store, "b", TEN_PER_SECOND, "t2", late, 5000), "the first one back runs");
        assertEquals(late + 90, take(store, "b", TEN_PER_SECOND, "t3", late, 5000),
                "the second waits 0.9 of an interval (catching up at most 10% fast), not a place in line");
        assertEquals(late + 90, take(store, "b", TEN_PER_SECOND, "t4", late, 5000), "a newcomer waits for the spacing too");
        assertEquals(0, take(store, "b", TEN_PER_SECOND, "t3", late + 100, 5000));
        assertEquals(late + 190, take(store, "b", TEN_PER_SECOND, "t4", late + 100, 5000), "never two starts within 0.9 interval");
        assertEquals(0, take(store, "b", TEN_PER_SECOND, "t4", late + 190, 5000));
    }

    @Test
    void a_wait_within_the_pace_books_the_start_instead_of_the_delayed_set() {
        FlowStore store = store();
        assertEquals(FlowStore.Token.NOW, store.takeToken("b", TEN_PER_SECOND, "t1", T0, 5000, 100));
        assertEquals(new FlowStore.Token(FlowStore.Token.Kind.AT, T0 + 100), store.takeToken("b", TEN_PER_SECOND, "t2", T0, 5000, 100));
        assertEquals(new FlowStore.Token(FlowStore.Token.Kind.WAIT, T0 + 200), store.takeToken("b", TEN_PER_SECOND, "t3", T0, 5000, 100),
                "the token after the booked one is beyond the pace");
        long late = T0 + 1000;
        assertEquals(FlowStore.Token.NOW, store.takeToken("b", TEN_PER_SECOND, "t4", late, 5000, 100));
        assertEquals(new FlowStore.Token(FlowStore.Token.Kind.AT, late + 90), store.takeToken("b", TEN_PER_SECOND, "t3", late + 1, 5000, 100),
                "a reserved task back late, just after another start, books the next start: no round trip, no burst");
        assertEquals(new FlowStore.Token(FlowStore.Token.Kind.WAIT, late + 190), store.takeToken("b", TEN_PER_SECOND, "t5", late + 2, 5000, 100));
    }

    @Test
    void a_reservation_unused_past_its_grace_lapses_and_the_late_task_queues_again() {
        FlowStore store = store();
        take(store, "b", TEN_PER_SECOND, "t1", T0, 500);
        long slot = take(store, "b", TEN_PER_SECOND, "t2", T0, 500);
        long late = slot + 501;
        assertEquals(0, take(store, "b", TEN_PER_SECOND, "t2", late, 500),
                "long after, the bucket is full again: a fresh token");
        assertEquals(late + 100, take(store, "b", TEN_PER_SECOND, "t3", late, 500));
    }

    @Test
    void a_burst_lets_that_many_go_at_once_then_one_per_interval() {
        FlowStore store = store();
        Rate burst = TEN_PER_SECOND.withBurst(3);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, take(store, "b", burst, "t" + i, T0, 500), "token " + i);
        }
        assertEquals(T0 + 100, take(store, "b", burst, "t3", T0, 500));
    }

    @Test
    void a_rate_above_one_per_millisecond_lets_a_milliseconds_tokens_go_at_once() {
        FlowStore store = store();
        Rate fast = Rate.parse("2000/s");
        assertEquals(0, take(store, "b", fast, "t1", T0, 500));
        assertEquals(0, take(store, "b", fast, "t2", T0, 500));
        assertEquals(T0 + 1, take(store, "b", fast, "t3", T0, 500));
        Rate never = Rate.parse("1000000/s");
        for (int i = 0; i < 500; i++) {
            assertEquals(0, take(store, "n", never, "n" + i, T0, 500), "a limit far above the load never bites: " + i);
        }
    }

    @Test
    void buckets_do_not_share_tokens() {
        FlowStore store = store();
        assertEquals(0, take(store, "b\u001fuser-1", TEN_PER_SECOND, "t1", T0, 500));
        assertEquals(0, take(store, "b\u001fuser-2", TEN_PER_SECOND, "t2", T0, 500));
        assertTrue(take(store, "b\u001fuser-1", TEN_PER_SECOND, "t3", T0, 500) > 0);
    }

    @Test
    void at_most_n_slots_are_held_and_a_released_one_is_free_again() {
        FlowStore store = store();
        assertEquals(0, store.acquireSlot("s", 2, "w1\na", T0, T0 + 3000));
        assertEquals(0, store.acquireSlot("s", 2, "w2\nb", T0 + 10, T0 + 3010));
        assertEquals(T0 + 3000, store.acquireSlot("s", 2, "w1\nc", T0 + 20, T0 + 3020), "full: the earliest lease end");
        assertEquals(0, store.acquireSlot("s", 2, "w1\na", T0 + 30, T0 + 3030), "its holder taking it again keeps it");
        store.releaseSlot(new FlowStore.HeldSlot("s", "w2\nb"));
        assertEquals(0, store.acquireSlot("s", 2, "w1\nc", T0 + 40, T0 + 3040));
    }

    @Test
    void a_slot_whose_lease_is_not_renewed_lapses_and_a_renewed_one_holds() {
        FlowStore store = store();
        FlowStore.HeldSlot renewed = new FlowStore.HeldSlot("s", "w1\na");
        assertEquals(0, store.acquireSlot("s", 2, "w1\na", T0, T0 + 3000));
        assertEquals(0, store.acquireSlot("s", 2, "dead\nb", T0, T0 + 3000));
        store.renewSlots(List.of(renewed), T0 + 2000, T0 + 5000);
        assertTrue(store.acquireSlot("s", 2, "w3\nc", T0 + 2500, T0 + 5500) > 0, "both still held before the dead worker's lease ends");
        assertEquals(0, store.acquireSlot("s", 2, "w3\nc", T0 + 3001, T0 + 6001), "the dead worker's slot lapsed");
        assertTrue(store.acquireSlot("s", 2, "w4\nd", T0 + 3002, T0 + 6002) > 0, "the renewed one is still held");
    }

    @Test
    void renewing_a_released_slot_does_not_bring_it_back() {
        FlowStore store = store();
        FlowStore.HeldSlot slot = new FlowStore.HeldSlot("s", "w1\na");
        store.acquireSlot("s", 1, "w1\na", T0, T0 + 3000);
        store.releaseSlot(slot);
        store.renewSlots(List.of(slot), T0 + 100, T0 + 3100);
        assertEquals(0, store.acquireSlot("s", 1, "w2\nb", T0 + 200, T0 + 3200));
    }

    @Test
    void published_limits_are_listed_with_their_state() {
        FlowStore store = store();
        store.publishLimits(java.util.Map.of("api", "{\"rate\":\"10/s\",\"concurrency\":2,\"tasks\":[\"a\"]}"));
        take(store, "api", TEN_PER_SECOND, "t1", T0, 500);
        take(store, "api", TEN_PER_SECOND, "t2", T0, 500);
        store.acquireSlot("api", 2, "w\nt1", T0, T0 + 3000);
        FlowStore.LimitState state = store.states(T0).stream().filter(s -> s.name().equals("api")).findFirst().orElseThrow();
        assertEquals(1, state.running());
        assertEquals(1, state.reserved());
        assertEquals(1, state.throttled());
        assertEquals(200, state.nextTokenMillis());
    }
}
