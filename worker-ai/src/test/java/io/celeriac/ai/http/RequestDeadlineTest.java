package io.celeriac.ai.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.ai.AiConfig;
import io.celeriac.ai.llm.ChatMessage;
import io.celeriac.ai.llm.ChatModel;
import io.celeriac.core.internal.Json;
import io.celeriac.http.ProviderUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chat request never outlives the run's time left: a stalled LLM is cut off at the deadline
 * rather than after the (longer) request timeout.
 */
class RequestDeadlineTest {
    private final MockWebServer server = new MockWebServer();
    private AiHttp http;
    private ChatModel model;

    @BeforeEach
    void setUp() throws Exception {
        server.start(0);
        String base = server.url("/v1").toString();
        AiConfig defaults = AiConfig.defaults();
        http = new AiHttp(new AiConfig(
                new AiConfig.Llm(base, "test-model", null, 6, 10_000, Duration.ofMinutes(2), Duration.ofSeconds(30)), defaults.sms(),
                new AiConfig.Providers(5, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(10)),
                defaults.runs(), defaults.limits()), Clock.systemUTC(), Json.mapper());
        model = http.chatModel();
    }

    @AfterEach
    void tearDown() {
        http.close();
        server.close();
    }

    @Test
    void a_stalled_reply_is_cut_off_when_the_time_left_runs_out() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .headersDelay(20, TimeUnit.SECONDS).body("{}").build());
        List<ChatMessage> messages = List.of(ChatMessage.user("hello"));
        ProviderUnavailableException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThrows(ProviderUnavailableException.class,
                        () -> model.complete(messages, List.of(), Duration.ofMillis(300))));
        assertTrue(e.getMessage().contains("llm unavailable"), e.getMessage());
        assertEquals(1, server.getRequestCount());
    }
}
