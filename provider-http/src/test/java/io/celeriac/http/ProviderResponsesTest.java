package io.celeriac.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.testing.ManualClock;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class ProviderResponsesTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T12:00:00Z"));
    private final ProviderResponses responses = new ProviderResponses("llm",
            new RetryAfter(Duration.ofSeconds(30), Duration.ofMinutes(10)), clock);

    private static Response answer(int code, String retryAfter) {
        Response.Builder builder = new Response.Builder().request(new Request.Builder().url("https://llm.example/v1/models").build())
                .protocol(Protocol.HTTP_1_1).code(code).message("status");
        if (retryAfter != null) {
            builder.header("Retry-After", retryAfter);
        }
        return builder.build();
    }

    @Test
    void a_429_is_rate_limited_with_its_retry_after_or_the_fallback() {
        ProviderUnavailableException said = responses.of(answer(429, "7"));
        assertTrue(said.rateLimited());
        assertEquals(Duration.ofSeconds(7), said.retryAfter());
        assertEquals("llm unavailable: rate limited (HTTP 429)", said.getMessage());
        assertEquals(Duration.ofSeconds(30), responses.of(answer(429, null)).retryAfter());
    }

    @Test
    void only_a_503_that_says_when_carries_a_wait_and_408_counts_as_unavailable() {
        assertEquals(Duration.ofSeconds(5), responses.of(answer(503, "5")).retryAfter());
        assertNull(responses.of(answer(503, null)).retryAfter(), "the caller's backoff decides");
        assertNull(responses.of(answer(500, "5")).retryAfter(), "a 500's Retry-After is not a promise");
        assertTrue(ProviderResponses.unavailable(408));
        assertFalse(responses.of(answer(408, null)).rateLimited());
        assertThrows(IllegalArgumentException.class, () -> responses.of(answer(404, null)));
    }

    @Test
    void the_providers_own_words_follow_the_status_when_given() {
        assertEquals("llm unavailable: HTTP 500: upstream exploded", responses.of(answer(500, null), " upstream exploded ").getMessage());
        assertEquals("HTTP 502", responses.of(answer(502, null), "  ").reason());
        assertEquals("llm unavailable: rate limited (HTTP 429): slow down", responses.of(answer(429, null), "slow down").getMessage());
    }

    @Test
    void every_failure_to_get_an_answer_reads_the_same_and_keeps_its_cause() {
        ConnectException refused = new ConnectException("Connection refused: 10.0.0.5:8080");
        ProviderUnavailableException a = responses.of(refused);
        ProviderUnavailableException b = responses.of(new SocketTimeoutException("timeout"));
        assertEquals("llm unavailable: could not be reached", a.getMessage());
        assertEquals(a.getMessage(), b.getMessage());
        assertSame(refused, a.getCause());
    }

    @Test
    void a_fallback_wait_fills_only_a_missing_one() {
        ProviderUnavailableException none = responses.of(answer(500, null), "busy");
        ProviderUnavailableException filled = none.orRetryAfter(Duration.ofSeconds(9));
        assertEquals(Duration.ofSeconds(9), filled.retryAfter());
        assertEquals(none.getMessage(), filled.getMessage());
        assertEquals("llm", filled.provider());
        ProviderUnavailableException said = responses.of(answer(503, "4"));
        assertSame(said, said.orRetryAfter(Duration.ofSeconds(9)));
        BreakerOpenException open = new BreakerOpenException("llm", Duration.ofSeconds(12));
        assertSame(open, open.orRetryAfter(Duration.ofSeconds(9)));
    }
}
