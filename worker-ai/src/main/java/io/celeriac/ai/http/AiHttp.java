package io.celeriac.ai.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.ai.AiConfig;
import io.celeriac.ai.llm.ChatModel;
import io.celeriac.ai.notify.SmsSender;
import io.celeriac.core.Version;
import io.celeriac.http.BreakerPolicy;
import io.celeriac.http.CircuitBreakers;
import io.celeriac.http.ClientSettings;
import io.celeriac.http.HttpClients;
import io.celeriac.http.ProviderResponses;
import io.celeriac.http.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The module's providers over provider-http: one OkHttp client (a connection pool and dispatcher
 * shared by the LLM and Twilio, both endpoints an operator configured), one set of circuit breakers
 * keyed {@code llm} and {@code twilio}, one Retry-After reading. OkHttp types stay in this package.
 *
 * <p>The client never repeats a request on a fresh connection: a retried run is the retry, and
 * OkHttp repeating a POST could send an SMS twice. Each provider's calls are bounded by its own
 * timeout ({@code ai.llm.request_timeout}, {@code ai.sms.timeout}), as a call timeout and as the
 * longest silence between bytes, so a provider that answers slowly but inside its timeout is not
 * cut off by a shorter read timeout.
 */
public final class AiHttp implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final AiConfig config;
    private final Clock clock;
    private final ObjectMapper json;
    private final OkHttpClient client;
    private final CircuitBreakers breakers;
    private final RetryAfter retryAfter;

    public AiHttp(AiConfig config, Clock clock, ObjectMapper json) {
        this.config = config;
        this.clock = clock;
        this.json = json;
        Duration llm = config.llm().requestTimeout();
        this.client = HttpClients.provider(new ClientSettings(CONNECT_TIMEOUT, llm, llm.plusSeconds(5),
                "Celeriac/" + Version.VERSION + " (worker-ai)", false));
        AiConfig.Providers providers = config.providers();
        int failures = providers.breakerFailures();
        // the last `failures` calls all failed: open for breaker_open, then one trial call; a 429 counts
        this.breakers = new CircuitBreakers(new BreakerPolicy(failures, failures, 100, providers.breakerOpen(), 1, true), clock);
        this.retryAfter = new RetryAfter(providers.defaultRetryAfter(), providers.maxRetryAfter());
    }

    /** The OpenAI-compatible chat model at {@code ai.llm.base_url}. */
    public ChatModel chatModel() {
        Duration timeout = config.llm().requestTimeout();
        return new OpenAiChatModel(config.llm(), call("llm", client.newBuilder().callTimeout(timeout).readTimeout(timeout).build()), json);
    }

    /** Twilio at {@code ai.sms.base_url}, its sends watched for an unknown outcome ({@link SendProgress}). */
    public SmsSender smsSender() {
        Duration timeout = config.sms().timeout();
        OkHttpClient twilio = client.newBuilder().callTimeout(timeout).readTimeout(timeout)
                .eventListenerFactory(SendProgress.FACTORY).build();
        return new TwilioSmsSender(config.sms(), call("twilio", twilio), clock, json);
    }

    /** {@code closed}, {@code open} or {@code half_open}: the breaker of {@code llm} or {@code twilio}. */
    public String breakerState(String provider) {
        return breakers.stateOf(provider);
    }

    /** {@code provider}'s calls on the shared client (tests). */
    ProviderCall call(String provider) {
        return call(provider, client);
    }

    private ProviderCall call(String provider, OkHttpClient with) {
        return new ProviderCall(provider, with, breakers, new ProviderResponses(provider, retryAfter, clock),
                config.providers().defaultRetryAfter(), json);
    }

    @Override
    public void close() {
        HttpClients.shutdown(client);
    }
}
