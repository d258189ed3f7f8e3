package io.celeriac.ai.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.ai.AiConfig;
import io.celeriac.ai.ProviderRejectedException;
import io.celeriac.ai.ProviderUnavailableException;
import io.celeriac.core.internal.Json;
import io.celeriac.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient client = HttpClients.create(Duration.ofSeconds(5));
    private ProviderCall call;

    @BeforeEach
    void setUp() throws Exception {
        server.start(0);
        call = new ProviderCall("llm", client, clock,
                new AiConfig.Providers(3, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(10)), Json.mapper());
    }

    @AfterEach
    void tearDown() {
        HttpClients.shutdown(client);
        server.close();
    }

    private Request get() {
        return new Request.Builder().url(server.url("/models")).build();
    }

    @Test
    void repeated_5xx_open_the_breaker_and_calls_then_wait_without_reaching_the_provider() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "2").body("{}").build());
        }
        for (int i = 0; i < 3; i++) {
            ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, () -> call.execute(get()));
            assertEquals(Duration.ofSeconds(2), e.retryAfter(), "the provider's Retry-After");
        }
        ProviderUnavailableException open = assertThrows(ProviderUnavailableException.class, () -> call.execute(get()));
        assertTrue(open.getMessage().contains("circuit breaker open"));
        assertEquals(Duration.ofSeconds(30), open.retryAfter());
        assertEquals(3, server.getRequestCount(), "the open breaker kept the fourth call home");

        clock.advance(Duration.ofSeconds(31));
        server.enqueue(new MockResponse.Builder().code(200).body("{\"data\":[]}").build());
        assertEquals("{\"data\":[]}", call.execute(get()), "half-open lets a probe through, which closes it");
        assertEquals("closed", call.state());
    }

    @Test
    void a_4xx_is_a_refusal_with_the_providers_message_and_does_not_count_against_the_breaker() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse.Builder().code(401)
                    .body("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}").build());
        }
        for (int i = 0; i < 4; i++) {
            ProviderRejectedException e = assertThrows(ProviderRejectedException.class, () -> call.execute(get()));
            assertTrue(e.getMessage().endsWith("Incorrect API key provided"), e.getMessage());
        }
        assertEquals("closed", call.state());
    }
}
