package io.celeriac.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OldestWaitingTest {
    private final OldestWaiting oldest = new OldestWaiting();

    @Test
    void a_celeriac_message_ages_from_its_send_time() {
        assertEquals(7_000, oldest.age("q", new QueueHead(3, 1_000, null, "a"), 8_000));
    }

    @Test
    void a_message_with_an_eta_waits_from_when_it_became_due_and_not_before() {
        long due = java.time.Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
        QueueHead head = new QueueHead(1, due - 60_000, "2026-12-01T10:00:00+00:00", "a");
        assertEquals(0, oldest.age("q", head, due - 5_000));
        assertEquals(5_000, oldest.age("q", head, due + 5_000));
    }

    @Test
    void a_message_without_a_time_ages_from_first_sight_until_the_head_changes() {
        assertEquals(0, oldest.age("q", new QueueHead(2, -1, null, "a"), 1_000));
        assertEquals(4_000, oldest.age("q", new QueueHead(2, -1, null, "a"), 5_000));
        assertEquals(0, oldest.age("q", new QueueHead(1, -1, null, "b"), 6_000), "taken: the next one is seen now");
        assertEquals(0, oldest.age("q", new QueueHead(0, -1, null, null), 7_000));
        oldest.age("r", new QueueHead(1, -1, null, "c"), 7_000);
        oldest.retain(Set.of());
        assertEquals(0, oldest.age("r", new QueueHead(1, -1, null, "c"), 9_000), "forgotten with its queue");
    }

    @Test
    void an_eta_no_calendar_holds_is_no_evidence() {
        assertEquals(0, oldest.age("q", new QueueHead(1, -1, "+999999999-12-31T23:59:59+00:00", "a"), 1_000));
    }
}
