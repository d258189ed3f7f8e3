package io.celeriac.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The {@code --queues name:weight} syntax, and how weights and strict order choose. */
class QueueWeightsTest {

    @Test
    void plain_queues_keep_round_robin() {
        QueueWeights.Parsed parsed = QueueWeights.parse(List.of("ai_tasks", "email_tasks"), false);
        assertEquals(List.of("ai_tasks", "email_tasks"), parsed.queues());
        assertNull(parsed.weights());
    }

    @Test
    void weights_are_read_and_a_queue_without_one_weighs_one() {
        QueueWeights.Parsed parsed = QueueWeights.parse(List.of("ai_tasks:3", "email_tasks"), false);
        assertEquals(List.of("ai_tasks", "email_tasks"), parsed.queues());
        assertEquals(3, parsed.weights().weightOf("ai_tasks"));
        assertEquals(1, parsed.weights().weightOf("email_tasks"));
    }

    @Test
    void a_colon_before_a_word_stays_in_the_queue_name() {
        QueueWeights.Parsed parsed = QueueWeights.parse(List.of("tenant:a", "b:2"), false);
        assertEquals(List.of("tenant:a", "b"), parsed.queues());
    }

    @Test
    void bad_weights_are_refused_with_the_entry_named() {
        for (String bad : List.of("ai:0", "ai:-1", "ai:", "ai:1.5", "ai:1001", ":3", "ai:99999999999")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> QueueWeights.parse(List.of(bad), false), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> QueueWeights.parse(List.of("ai:2", "ai:3"), false));
        assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
    }

    @Test
    void strict_order_is_heaviest_first_with_ties_in_the_order_given() {
        QueueWeights weights = QueueWeights.parse(List.of("low", "high:5", "mid:2", "low2"), true).weights();
        assertEquals(List.of("high", "mid", "low", "low2"),
                weights.order(List.of("low", "high", "mid", "low2"), new SplittableRandom(1)));
    }

    @Test
    void weighted_order_puts_each_queue_first_in_proportion_to_its_weight() {
        QueueWeights weights = QueueWeights.parse(List.of("ai:3", "email:1"), false).weights();
        SplittableRandom random = new SplittableRandom(16);
        int aiFirst = 0;
        int draws = 40_000;
        for (int i = 0; i < draws; i++) {
            if (weights.order(List.of("ai", "email"), random).get(0).equals("ai")) {
                aiFirst++;
            }
        }
        double share = aiFirst / (double) draws;
        assertTrue(Math.abs(share - 0.75) < 0.01, "ai first in " + share + " of fetches, expected 0.75");
    }

    @Property
    void any_name_with_a_weight_from_1_to_1000_reads_back(@ForAll @AlphaChars @StringLength(min = 1, max = 30) String name,
                                                          @ForAll @IntRange(min = 1, max = 1000) int weight) {
        QueueWeights.Parsed parsed = QueueWeights.parse(List.of(name + ":" + weight), false);
        assertEquals(List.of(name), parsed.queues());
        assertEquals(weight, parsed.weights().weightOf(name));
    }

    @Property
    void a_weight_outside_1_to_1000_is_refused(@ForAll @AlphaChars @StringLength(min = 1, max = 30) String name,
                                               @ForAll int weight) {
        if (weight >= 1 && weight <= 1000) {
            return;
        }
        assertThrows(IllegalArgumentException.class, () -> QueueWeights.parse(List.of(name + ":" + weight), false));
    }
}
