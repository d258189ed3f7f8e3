package io.celeriac.ai.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.ai.PersonalData;
import io.celeriac.ai.ProviderRejectedException;
import io.celeriac.ai.SendOutcomeUnknownException;
import io.celeriac.http.BreakerOpenException;
import io.celeriac.http.Caller;
import io.celeriac.http.CircuitBreakers;
import io.celeriac.http.ProviderResponses;
import io.celeriac.http.ProviderUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's HTTP calls through provider-http's circuit breaker, with its answers turned into
 * the module's vocabulary: 2xx returns the body; 408, 429, 5xx and no answer are
 * {@link ProviderUnavailableException} (provider-http's {@link ProviderResponses}), always with a
 * wait: the provider's Retry-After, else {@code ai.providers.retry_after_default}; other 4xx are
 * {@link ProviderRejectedException} with the provider's own message. Only unavailability counts
 * against the breaker: a refused request says nothing about the provider's health. While the
 * breaker is open, calls fail at once ({@link BreakerOpenException}, with the time left), so runs
 * wait instead of hammering it.
 *
 * <p>A request tagged with {@link SendProgress} that was written before the answer failed to come
 * is {@link SendOutcomeUnknownException} instead: the provider may have it, so it must not be
 * resent blindly. It still counts against the breaker (it was thrown as unavailable inside it).
 */
final class ProviderCall {
    private static final Logger log = LoggerFactory.getLogger(ProviderCall.class);

    private final String provider;
    private final OkHttpClient client;
    private final CircuitBreakers breakers;
    private final ProviderResponses responses;
    private final Duration defaultWait;
    private final ObjectMapper json;

    /** @param defaultWait the wait of an unavailability whose provider named none */
    ProviderCall(String provider, OkHttpClient client, CircuitBreakers breakers, ProviderResponses responses,
                 Duration defaultWait, ObjectMapper json) {
        this.provider = provider;
        this.client = client;
        this.breakers = breakers;
        this.responses = responses;
        this.defaultWait = defaultWait;
        this.json = json;
    }

    /** The breaker's state ({@code closed}, {@code open}, {@code half_open}), for status output and tests. */
    String state() {
        return breakers.stateOf(provider);
    }

    String execute(Request request) {
        return execute(request, null);
    }

    /** @param timeout the whole call's limit when shorter than the client's (null: the client's) */
    String execute(Request request, Duration timeout) {
        try {
            return breakers.call(provider, Caller.PROCESS, () -> exchange(request, timeout));
        } catch (ProviderUnavailableException e) {
            SendProgress progress = request.tag(SendProgress.class);
            if (!(e instanceof BreakerOpenException) && e.getCause() instanceof IOException && progress != null
                    && progress.written()) {
                // the provider may have the request: resending it blindly could deliver it twice
                log.atWarn().addKeyValue("provider", provider).addKeyValue("error", e.getCause().getClass().getSimpleName())
                        .log("provider outcome unknown");
                throw new SendOutcomeUnknownException(provider, "no answer after the request went out", e.getCause());
            }
            ProviderUnavailableException waiting = e.orRetryAfter(defaultWait);
            log.atWarn().addKeyValue("provider", provider).addKeyValue("reason", unavailableReason(e))
                    .addKeyValue("retry_after_ms", waiting.retryAfter().toMillis()).log("provider unavailable");
            throw waiting;
        }
    }

    private String exchange(Request request, Duration timeout) {
        Call call = client.newCall(request);
        if (timeout != null) {
            call.timeout().timeout(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
        }
        try (Response response = call.execute()) {
            String body = response.body().string();
            int code = response.code();
            if (code >= 200 && code < 300) {
                return body;
            }
            if (ProviderResponses.unavailable(code)) {
                throw responses.of(response, message(body));
            }
            throw new ProviderRejectedException(provider, code, message(body));
        } catch (IOException e) {
            throw responses.of(e);
        }
    }

    /** For the log: the status, or the kind of I/O failure; never the provider's text (it may quote a number). */
    private static String unavailableReason(ProviderUnavailableException e) {
        if (e instanceof BreakerOpenException) {
            return "breaker open";
        }
        if (e.getCause() != null) {
            return e.getCause().getClass().getSimpleName();
        }
        String reason = e.reason();
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
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
