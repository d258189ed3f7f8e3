package io.celeriac.ai.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.ai.AiConfig;
import io.celeriac.ai.PersonalData;
import io.celeriac.ai.SendOutcomeUnknownException;
import io.celeriac.ai.ProviderRejectedException;
import io.celeriac.ai.ProviderUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's HTTP calls behind a circuit breaker, with its answers turned into the module's
 * vocabulary: 2xx returns the body; 429 and 5xx (and no connection) are
 * {@link ProviderUnavailableException} with the provider's Retry-After; other 4xx are
 * {@link ProviderRejectedException} with the provider's own message. Only unavailability counts
 * against the breaker: a refused request says nothing about the provider's health. While the
 * breaker is open, calls fail at once as unavailable, so runs wait instead of hammering it.
 */
final class ProviderCall {
    private static final Logger log = LoggerFactory.getLogger(ProviderCall.class);

    private final String provider;
    private final OkHttpClient client;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final AiConfig.Providers settings;
    private final ObjectMapper json;

    ProviderCall(String provider, OkHttpClient client, Clock clock, AiConfig.Providers settings, ObjectMapper json) {
        this.provider = provider;
        this.client = client;
        this.clock = clock;
        this.settings = settings;
        this.json = json;
        int failures = settings.breakerFailures();
        this.breaker = CircuitBreaker.of(provider, CircuitBreakerConfig.custom()
                .slidingWindow(failures, failures, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .waitDurationInOpenState(settings.breakerOpen())
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build());
    }

    /** The breaker's state, for status output and tests. */
    String state() {
        return breaker.getState().name().toLowerCase(java.util.Locale.ROOT);
    }

    String execute(Request request) {
        return execute(request, null);
    }

    /** @param timeout the whole call's limit when shorter than the client's (null: the client's) */
    String execute(Request request, Duration timeout) {
        if (!breaker.tryAcquirePermission()) {
            throw new ProviderUnavailableException(provider, "circuit breaker open after repeated failures",
                    settings.breakerOpen(), null);
        }
        long start = System.nanoTime();
        Call call = client.newCall(request);
        if (timeout != null) {
            call.timeout().timeout(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
        }
        try (Response response = call.execute()) {
            String body = response.body().string();
            long elapsed = System.nanoTime() - start;
            int code = response.code();
            if (code >= 200 && code < 300) {
                breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                return body;
            }
            if (code == 429 || code >= 500) {
                breaker.onError(elapsed, TimeUnit.NANOSECONDS, new IOException("HTTP " + code));
                Duration wait = RetryAfter.parse(response.header("Retry-After"), clock.instant(),
                        settings.defaultRetryAfter(), settings.maxRetryAfter());
                log.atWarn().addKeyValue("provider", provider).addKeyValue("status", code)
                        .addKeyValue("retry_after_ms", wait.toMillis()).log("provider unavailable");
                throw new ProviderUnavailableException(provider, "HTTP " + code + ": " + message(body), wait, null);
            }
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            throw new ProviderRejectedException(provider, code, message(body));
        } catch (IOException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            String what = e.getClass().getSimpleName() + ": " + PersonalData.mask(e.getMessage());
            SendProgress progress = request.tag(SendProgress.class);
            if (progress != null && progress.written()) {
                // the provider may have the request: resending it blindly could deliver it twice
                log.atWarn().addKeyValue("provider", provider).addKeyValue("error", what).log("provider outcome unknown");
                throw new SendOutcomeUnknownException(provider, what, e);
            }
            throw new ProviderUnavailableException(provider, what, settings.defaultRetryAfter(), e);
        }
    }

    /**
     * The provider's own error text: OpenAI's {@code error.message}, Twilio's {@code message}, else
     * the body; phone numbers and e-mail addresses masked (Twilio echoes the number it refused).
     */
    private String message(String body) {
        return PersonalData.mask(rawMessage(body));
    }

    private String rawMessage(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node.path("error").isObject() && node.path("error").hasNonNull("message")) {
                return node.path("error").path("message").asText();
            }
            if (node.hasNonNull("message")) {
                return node.path("message").asText();
            }
            if (node.path("error").isTextual()) {
                return node.path("error").asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: the raw text, shortened
        }
        String text = body == null ? "" : body.strip();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
