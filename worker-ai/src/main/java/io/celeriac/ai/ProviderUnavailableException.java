package io.celeriac.ai;

import java.time.Duration;

/**
 * A provider (the LLM, Twilio) is busy or down: 429, 5xx, no connection, or its circuit breaker is
 * open. The run waits {@link #retryAfter()} and tries again instead of failing.
 */
public final class ProviderUnavailableException extends AiException {
    private final String provider;
    private final Duration retryAfter;

    public ProviderUnavailableException(String provider, String message, Duration retryAfter, Throwable cause) {
        super(provider + " unavailable: " + message, cause);
        this.provider = provider;
        this.retryAfter = retryAfter;
    }

    public String provider() {
        return provider;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
