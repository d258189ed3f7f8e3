package io.celeriac.beat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.celeriac.core.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MisfireRuleTest {
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Instant DUE = Instant.parse("2026-11-22T10:00:00Z");

    private static BeatEntry entry(MisfirePolicy policy) {
        return new BeatEntry("e", "x.y", Schedule.every(Duration.ofMinutes(10)), ZoneOffset.UTC,
                JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(), EntryOptions.NONE, true, policy);
    }

    @Test
    void an_occurrence_within_the_grace_is_sent_under_either_policy() {
        for (MisfirePolicy policy : MisfirePolicy.values()) {
            MisfireRule.Decision d = MisfireRule.decide(entry(policy), DUE, DUE.plusSeconds(29), GRACE);
            assertTrue(d.send());
            assertFalse(d.late());
            assertEquals(Instant.parse("2026-11-22T10:10:00Z"), d.next().orElseThrow());
        }
    }

    @Test
    void run_once_sends_one_message_for_many_missed_occurrences_then_resumes_after_now() {
        MisfireRule.Decision d = MisfireRule.decide(entry(MisfirePolicy.RUN_ONCE), DUE, Instant.parse("2026-11-22T13:37:00Z"), GRACE);
        assertTrue(d.send());
        assertTrue(d.late());
        assertEquals(Instant.parse("2026-11-22T13:40:00Z"), d.next().orElseThrow());
    }

    @Test
    void skip_sends_nothing_for_missed_occurrences_and_waits_for_the_next() {
        MisfireRule.Decision d = MisfireRule.decide(entry(MisfirePolicy.SKIP), DUE, DUE.plusSeconds(31), GRACE);
        assertFalse(d.send());
        assertTrue(d.late());
        assertEquals(Instant.parse("2026-11-22T10:10:00Z"), d.next().orElseThrow());
    }

    @Test
    void policies_parse_from_their_config_spelling() {
        assertEquals(MisfirePolicy.RUN_ONCE, MisfirePolicy.parse("run_once"));
        assertEquals(MisfirePolicy.SKIP, MisfirePolicy.parse(" SKIP "));
    }
}
