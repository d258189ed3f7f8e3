package io.celeriac.ai.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.ai.AiConfig;
import io.celeriac.ai.ProviderRejectedException;
import io.celeriac.core.internal.Json;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.http.BreakerOpenException;
import io.celeriac.http.ProviderUnavailableException;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * worker-ai's provider calls on provider-http: {@code ai.providers} becomes the breaker's policy
 * (the last {@code breaker_failures} calls all unavailable: open for {@code breaker_open}, then one
 * trial), every unavailability carries a wait, refusals stay refusals.
 */
class CircuitBreakerTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final MockWebServer server = new MockWebServer();
    private AiHttp http;
    private ProviderCall call;

    @BeforeEach
    void setUp() throws Exception {
        server.start(0);
        AiConfig defaults = AiConfig.defaults();
        http = new AiHttp(new AiConfig(defaults.llm(), defaults.sms(),
                new AiConfig.Providers(3, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(10)),
                defaults.runs(), defaults.limits()), clock, Json.mapper());
        call = http.call("llm");
    }

    @AfterEach
    void tearDown() {
        http.close();
        server.close();
    }

    private Request get() {
        return new Request.Builder().url(server.url("/models")).build();
    }

    private void enqueue(int code, String retryAfter, String body) {
        MockResponse.Builder response = new MockResponse.Builder().code(code).body(body);
        if (retryAfter != null) {
            response.addHeader("Retry-After", retryAfter);
        }
        server.enqueue(response.build());
    }

    @Test
    void repeated_5xx_open_the_breaker_and_calls_then_wait_without_reaching_the_provider() {
        for (int i = 0; i < 3; i++) {
            enqueue(503, "2", "{}");
        }
        for (int i = 0; i < 3; i++) {
            ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, () -> call.execute(get()));
            assertEquals(Duration.ofSeconds(2), e.retryAfter(), "the provider's Retry-After");
        }
        ProviderUnavailableException open = assertThrows(BreakerOpenException.class, () -> call.execute(get()));
        assertTrue(open.getMessage().contains("circuit breaker open"));
        assertEquals(Duration.ofSeconds(30), open.retryAfter());
        assertEquals(3, server.getRequestCount(), "the open breaker kept the fourth call home");
        assertEquals("open", http.breakerState("llm"));
        assertEquals("closed", http.breakerState("twilio"), "each provider has its own breaker");

        clock.advance(Duration.ofSeconds(10));
        assertEquals(Duration.ofSeconds(20), assertThrows(BreakerOpenException.class, () -> call.execute(get())).retryAfter(),
                "the time left until the trial, not the whole breaker_open");

        clock.advance(Duration.ofSeconds(21));
        enqueue(200, null, "{\"data\":[]}");
        assertEquals("{\"data\":[]}", call.execute(get()), "half-open lets a probe through, which closes it");
        assertEquals("closed", call.state());
    }

    @Test
    void rate_limits_count_against_the_breaker_as_before() {
        for (int i = 0; i < 3; i++) {
            enqueue(429, null, "{\"message\":\"Too Many Requests\"}");
            ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, () -> call.execute(get()));
            assertTrue(e.rateLimited());
            assertEquals(Duration.ofSeconds(5), e.retryAfter(), "no Retry-After: retry_after_default");
        }
        assertInstanceOf(BreakerOpenException.class, assertThrows(ProviderUnavailableException.class, () -> call.execute(get())));
    }

    @Test
    void an_unavailable_answer_without_a_wait_gets_the_default_and_keeps_the_providers_words() {
        enqueue(500, null, "{\"error\":{\"message\":\"upstream exploded\",\"type\":\"server_error\"}}");
        ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, () -> call.execute(get()));
        assertEquals("llm unavailable: HTTP 500: upstream exploded", e.getMessage());
        assertEquals(Duration.ofSeconds(5), e.retryAfter());

        enqueue(408, null, "");
        ProviderUnavailableException timeout = assertThrows(ProviderUnavailableException.class, () -> call.execute(get()),
                "a 408 is the provider timing out: worth a retry, not a refusal");
        assertEquals("llm unavailable: HTTP 408", timeout.getMessage());
        assertFalse(timeout.rateLimited());
    }

    @Test
    void a_4xx_is_a_refusal_with_the_providers_message_and_does_not_count_against_the_breaker() {
        for (int i = 0; i < 4; i++) {
            enqueue(401, null, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}");
        }
        for (int i = 0; i < 4; i++) {
            ProviderRejectedException e = assertThrows(ProviderRejectedException.class, () -> call.execute(get()));
            assertTrue(e.getMessage().endsWith("Incorrect API key provided"), e.getMessage());
        }
        assertEquals("closed", call.state());
    }

    @Test
    void no_answer_at_all_reads_the_same_whatever_the_socket_said() throws Exception {
        int port = server.getPort();
        server.close();
        Request closed = new Request.Builder().url("http://127.0.0.1:" + port + "/models").build();
        ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, () -> call.execute(closed));
        assertEquals("llm unavailable: could not be reached", e.getMessage());
        assertEquals(Duration.ofSeconds(5), e.retryAfter());
    }
}
