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
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final Instant DUE = Instant.parse("2026-11-22T10:00:00Z");

    private static BeatEntry entry(MisfirePolicy policy) {
        return new BeatEntry("e", "x.y", Schedule.every(Duration.ofMinutes(10)), ZoneOffset.UTC,
                JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(), EntryOptions.NONE, true, policy, null);
    }

    @Test
    void an_occurrence_within_the_grace_is_sent_under_either_policy() {
        for (MisfirePolicy policy : MisfirePolicy.values()) {
            MisfireRule.Decision d = MisfireRule.decide(entry(policy), DUE, DUE.plusSeconds(29), GRACE, WINDOW);
            assertTrue(d.send());
            assertFalse(d.late());
            assertEquals(Instant.parse("2026-11-22T10:10:00Z"), d.next().orElseThrow());
        }
    }

    @Test
    void run_once_sends_one_message_for_many_missed_occurrences_then_resumes_after_now() {
        MisfireRule.Decision d = MisfireRule.decide(entry(MisfirePolicy.RUN_ONCE), DUE, Instant.parse("2026-11-22T13:37:00Z"), GRACE, WINDOW);
        assertTrue(d.send());
        assertTrue(d.late());
        assertEquals(Instant.parse("2026-11-22T13:40:00Z"), d.next().orElseThrow());
    }

    @Test
    void skip_sends_nothing_for_missed_occurrences_and_waits_for_the_next() {
        MisfireRule.Decision d = MisfireRule.decide(entry(MisfirePolicy.SKIP), DUE, DUE.plusSeconds(31), GRACE, WINDOW);
        assertFalse(d.send());
        assertTrue(d.late());
        assertEquals(Instant.parse("2026-11-22T10:10:00Z"), d.next().orElseThrow());
    }

    @Test
    void policies_parse_from_their_config_spelling() {
        assertEquals(MisfirePolicy.RUN_ONCE, MisfirePolicy.parse("run_once"));
        assertEquals(MisfirePolicy.SKIP, MisfirePolicy.parse(" SKIP "));
    }

    @Test
    void every_occurrence_within_the_grace_is_sent_one_by_one() {
        BeatEntry everySecond = new BeatEntry("e", "x.y", Schedule.every(Duration.ofSeconds(1)), ZoneOffset.UTC,
                JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(), EntryOptions.NONE, true,
                MisfirePolicy.RUN_ONCE, null);
        MisfireRule.Decision d = MisfireRule.decide(everySecond, DUE, DUE.plusSeconds(4), GRACE, WINDOW);
        assertTrue(d.send());
        assertEquals(DUE.plusSeconds(1), d.next().orElseThrow(), "a takeover's gap is sent, not collapsed");
    }

    @Test
    void catch_up_sends_each_missed_occurrence_within_its_window_and_skips_older_ones() {
        MisfireRule.Decision inWindow = MisfireRule.decide(entry(MisfirePolicy.CATCH_UP), DUE, DUE.plus(Duration.ofMinutes(50)), GRACE, WINDOW);
        assertTrue(inWindow.send());
        assertTrue(inWindow.late());
        assertEquals(DUE.plus(Duration.ofMinutes(10)), inWindow.next().orElseThrow(), "the next missed one, not after now");
        Instant now = DUE.plus(Duration.ofHours(3)).plusSeconds(5);
        MisfireRule.Decision tooOld = MisfireRule.decide(entry(MisfirePolicy.CATCH_UP), DUE, now, GRACE, WINDOW);
        assertFalse(tooOld.send());
        assertEquals(Instant.parse("2026-11-22T12:10:00Z"), tooOld.next().orElseThrow(), "the first occurrence inside the hour");
    }

    @Test
    void an_entry_may_set_its_own_catch_up_window() {
        BeatEntry entry = new BeatEntry("e", "x.y", Schedule.every(Duration.ofMinutes(10)), ZoneOffset.UTC,
                JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(), EntryOptions.NONE, true,
                MisfirePolicy.CATCH_UP, Duration.ofDays(1));
        assertTrue(MisfireRule.decide(entry, DUE, DUE.plus(Duration.ofHours(5)), GRACE, WINDOW).send());
        assertEquals(MisfirePolicy.CATCH_UP, MisfirePolicy.parse("catch_up"));
    }
}
