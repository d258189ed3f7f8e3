package io.celeriac.core.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.broker.DeadLetterEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterFilterTest {
    static DeadLetterEntry entry(String queue, String task, String id) {
        return new DeadLetterEntry("r", queue, id, task, Instant.EPOCH, "{}");
    }

    @Test
    void an_empty_filter_matches_everything_even_entries_without_a_task() {
        assertTrue(DeadLetterFilter.all().matches(entry(null, null, null)));
    }

    @Test
    void task_globs_match_dots_and_single_characters() {
        DeadLetterFilter filter = new DeadLetterFilter(null, "mail.*", List.of());
        assertTrue(filter.matches(entry("q", "mail.send.bulk", "1")));
        assertFalse(filter.matches(entry("q", "sms.send", "1")));
        assertFalse(filter.matches(entry("q", null, "1")));
        assertTrue(new DeadLetterFilter(null, "sms.sen?", List.of()).matches(entry("q", "sms.send", "1")));
    }

    @Test
    void every_given_criterion_must_hold() {
        DeadLetterFilter filter = new DeadLetterFilter("emails", "mail.send", List.of("a", "b"));
        assertTrue(filter.matches(entry("emails", "mail.send", "b")));
        assertFalse(filter.matches(entry("sms", "mail.send", "b")));
        assertFalse(filter.matches(entry("emails", "mail.send", "c")));
    }
}
