package io.celeriac.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tokens taken ahead are used at most once each, within their millisecond, and only for fast limits. */
class TokenAllowancesTest {
    static final Rate FAST = Rate.parse("1000000/s");

    static FlowStore.TokenRequest request(Rate rate, long now) {
        return new FlowStore.TokenRequest("b", rate, "t", now, 500, 2);
    }

    @Test
    void slow_limits_take_one_token_per_task() {
        TokenAllowances allowances = new TokenAllowances(64);
        assertEquals(1, allowances.want(request(Rate.parse("600/m"), 0)));
        assertEquals(1, allowances.want(request(Rate.parse("1000/s"), 0)));
        assertEquals(1, new TokenAllowances(1).want(request(FAST, 0)), "a maximum of 1 turns leases off");
    }

    @Test
    void each_token_taken_ahead_starts_one_task() {
        TokenAllowances allowances = new TokenAllowances(64);
        allowances.granted("b", 1_000, 4); // the caller used one: three left
        assertTrue(allowances.tryTake("b", 1_000));
        assertTrue(allowances.tryTake("b", 1_000));
        assertTrue(allowances.tryTake("b", 1_001));
        assertFalse(allowances.tryTake("b", 1_001), "spent");
        assertFalse(allowances.tryTake("other", 1_000), "another bucket has none");
    }

    @Test
    void tokens_taken_ahead_lapse_after_their_millisecond() {
        TokenAllowances allowances = new TokenAllowances(64);
        allowances.granted("b", 1_000, 10);
        assertFalse(allowances.tryTake("b", 1_000 + TokenAllowances.VALID_MILLIS + 1));
    }

    @Test
    void the_next_request_asks_for_twice_what_the_last_allowance_used() {
        TokenAllowances allowances = new TokenAllowances(64);
        assertEquals(TokenAllowances.FIRST_WANT, allowances.want(request(FAST, 0)));
        allowances.granted("b", 0, 8);
        allowances.tryTake("b", 0);
        allowances.tryTake("b", 0); // three used of eight, the rest lapse
        assertEquals(6, allowances.want(request(FAST, 5)));
        allowances.granted("b", 5, 8);
        for (int i = 0; i < 7; i++) {
            allowances.tryTake("b", 5);
        }
        assertEquals(16, allowances.want(request(FAST, 5)), "all eight used");
        allowances.granted("b", 20, 6); // none used beyond the caller's own
        assertEquals(2, allowances.want(request(FAST, 30)), "at least two");
        allowances.granted("b", 40, 64);
        for (int i = 0; i < 63; i++) {
            allowances.tryTake("b", 40);
        }
        assertEquals(64, allowances.want(request(FAST, 40)), "at most the maximum");
    }
}
