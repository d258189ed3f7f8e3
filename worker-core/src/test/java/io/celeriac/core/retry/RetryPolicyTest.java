package io.celeriac.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final SplittableRandom random = new SplittableRandom(1);

    @Test
    void exponential_backoff_doubles_up_to_the_cap() {
        Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(10), false);
        assertEquals(Duration.ofSeconds(1), backoff.delay(1, random));
        assertEquals(Duration.ofSeconds(2), backoff.delay(2, random));
        assertEquals(Duration.ofSeconds(8), backoff.delay(4, random));
        assertEquals(Duration.ofSeconds(10), backoff.delay(5, random));
        assertEquals(Duration.ofSeconds(10), backoff.delay(60, random));
    }

    @Test
    void jitter_stays_between_half_and_the_whole_delay_and_is_reproducible_with_a_seed() {
        Backoff backoff = Backoff.exponential(Duration.ofSeconds(4), Duration.ofMinutes(1), true);
        for (int i = 0; i < 1000; i++) {
            long ms = backoff.delay(2, random).toMillis();
            assertTrue(ms >= 4000 && ms <= 8000, "delay " + ms);
        }
        assertEquals(backoff.delay(3, new SplittableRandom(9)), backoff.delay(3, new SplittableRandom(9)));
    }

    @Test
    void retries_until_the_maximum_then_gives_up() {
        RetryPolicy policy = RetryPolicy.defaults().withMaxRetries(2).withBackoff(Backoff.fixed(Duration.ofSeconds(3)));
        RuntimeException error = new IllegalStateException("down");
        assertEquals(new RetryDecision.RetryAfter(Duration.ofSeconds(3)), policy.decide(error, 0, null, random));
        assertEquals(new RetryDecision.RetryAfter(Duration.ofSeconds(3)), policy.decide(error, 1, null, random));
        RetryDecision last = policy.decide(error, 2, null, random);
        assertEquals(new RetryDecision.GiveUp("max retries (2) exceeded"), last);
    }

    @Test
    void an_explicit_countdown_wins_over_the_backoff() {
        RetryDecision decision = RetryPolicy.defaults().decide(new RuntimeException(), 0, Duration.ofMillis(250), random);
        assertEquals(new RetryDecision.RetryAfter(Duration.ofMillis(250)), decision);
    }

    @Test
    void bad_input_is_never_retried() {
        RetryDecision decision = RetryPolicy.defaults().decide(new IllegalArgumentException("bad"), 0, null, random);
        assertInstanceOf(RetryDecision.GiveUp.class, decision);
    }
}
