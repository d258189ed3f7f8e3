package io.celeriac.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {
    private static final String HOST = "calendar feed shared.example:443";
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T12:00:00Z"));
    private final CircuitBreakers breakers = new CircuitBreakers(
            new BreakerPolicy(10, 4, 50, Duration.ofMinutes(5), 2, false), clock);

    private String fail(Caller caller) {
        return breakers.call(HOST, caller, () -> {
            throw new ProviderUnavailableException("calendar feed", "could not be reached", null, false, null);
        });
    }

    private String succeed(Caller caller) {
        return breakers.call(HOST, caller, () -> "ok");
    }

    @Test
    void a_breaker_s_provider_is_its_key_without_the_host() {
        assertEquals("calendar feed", BreakerGauges.provider(HOST));
        assertEquals("notion", BreakerGauges.provider("notion api.notion.com:443"));
        assertEquals("llm", BreakerGauges.provider("llm"));
    }

    @Test
    void one_users_failing_sources_open_their_own_breakers_but_never_the_hosts_for_other_users() {
        for (int round = 0; round < 4; round++) {
            for (long source = 1; source <= 4; source++) {
                Caller attacker = Caller.of(66, source);
                if (!breakers.isOpen(HOST, attacker)) {
                    assertThrows(ProviderUnavailableException.class, () -> fail(attacker));
                }
            }
        }

        assertTrue(breakers.isOpen(HOST, Caller.of(66, 1)), "the failing source's own breaker opened");
        assertThrows(BreakerOpenException.class, () -> fail(Caller.of(66, 1)));
        assertFalse(breakers.isOpen(HOST), "sixteen failures of one user do not open the host's breaker");
        assertEquals("ok", succeed(Caller.of(7, 70)), "another user's feed on that host still goes through");
    }

    @Test
    void failures_from_several_users_open_the_shared_breaker_and_it_half_opens_later() {
        assertThrows(ProviderUnavailableException.class, () -> fail(Caller.of(1, 10)));
        assertThrows(ProviderUnavailableException.class, () -> fail(Caller.of(2, 20)));
        assertThrows(ProviderUnavailableException.class, () -> fail(Caller.of(3, 30)));
        assertThrows(ProviderUnavailableException.class, () -> fail(Caller.of(4, 40)));

        assertTrue(breakers.isOpen(HOST));
        assertEquals(1, breakers.openShared("calendar feed"), "counted under the provider, never the host");
        // a process's registry joins the global one when it starts (Observability): the gauge reaches it too
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        io.micrometer.core.instrument.Metrics.addRegistry(registry);
        try {
            var gauge = registry.find("celeriac.breakers.open").tag("provider", "calendar feed").gauge();
            assertTrue(gauge != null && gauge.value() >= 1, "exported for /metrics");
        } finally {
            io.micrometer.core.instrument.Metrics.removeRegistry(registry);
        }
        BreakerOpenException open = assertThrows(BreakerOpenException.class, () -> succeed(Caller.of(5, 50)));
        assertEquals(Duration.ofMinutes(5), open.retryAfter());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(Duration.ofMinutes(3), assertThrows(BreakerOpenException.class, () -> succeed(Caller.of(5, 50))).retryAfter());

        clock.advance(Duration.ofMinutes(3));
        assertEquals("ok", succeed(Caller.of(5, 50)), "half-open: one trial call, which succeeds");
        assertEquals("closed", breakers.stateOf(HOST));
    }

    @Test
    void a_failed_trial_opens_the_breaker_again() {
        for (int user = 1; user <= 4; user++) {
            Caller caller = Caller.of(user, user);
            assertThrows(ProviderUnavailableException.class, () -> fail(caller));
        }
        clock.advance(Duration.ofMinutes(5));

        assertThrows(ProviderUnavailableException.class, () -> fail(Caller.of(9, 9)));

        assertTrue(breakers.isOpen(HOST));
    }

    @Test
    void refusals_and_rate_limits_say_nothing_about_health() {
        for (int user = 1; user <= 8; user++) {
            int u = user;
            assertThrows(IllegalStateException.class, () -> breakers.call(HOST, Caller.of(u, u), () -> {
                throw new IllegalStateException("HTTP 401");
            }));
            assertThrows(ProviderUnavailableException.class, () -> breakers.call(HOST, Caller.of(u, u), () -> {
                throw new ProviderUnavailableException("calendar feed", "rate limited (HTTP 429)", Duration.ofSeconds(30), true, null);
            }));
        }

        assertFalse(breakers.isOpen(HOST));
    }

    @Test
    void a_provider_without_users_opens_on_its_own_failures() {
        CircuitBreakers llm = new CircuitBreakers(new BreakerPolicy(3, 3, 100, Duration.ofMinutes(1), 1, true), clock);
        for (int i = 0; i < 3; i++) {
            assertThrows(ProviderUnavailableException.class, () -> llm.call("llm", Caller.PROCESS, () -> {
                throw new ProviderUnavailableException("llm", "rate limited (HTTP 429)", Duration.ofSeconds(5), true, null);
            }));
        }

        assertTrue(llm.isOpen("llm"), "this policy counts 429s");
    }
}
