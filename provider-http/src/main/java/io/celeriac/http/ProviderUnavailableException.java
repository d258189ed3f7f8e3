package io.celeriac.http;

import io.celeriac.core.CeleriacException;
import java.time.Duration;

/**
 * A provider did not serve the request, and a later attempt may: no connection, a timeout, 408,
 * 429 or 5xx, or its circuit breaker is open. The one error both modules raise for this, so retry
 * decisions and breakers read it the same way. The message names the provider and the HTTP status
 * at most: never an address, a port or a socket error's text (which would tell open ports from
 * closed ones to whoever reads it); the cause keeps the detail for the logs.
 */
public class ProviderUnavailableException extends CeleriacException {
    private final String provider;
    private final String reason;
    private final Duration retryAfter;
    private final boolean rateLimited;

    /**
     * @param retryAfter  when the provider said to come back (429 or 503 with Retry-After, an open
     *                    breaker), or null: the caller's own backoff decides
     * @param rateLimited a 429: the provider is healthy and protecting itself
     */
    public ProviderUnavailableException(String provider, String reason, Duration retryAfter, boolean rateLimited,
                                        Throwable cause) {
        super(provider + " unavailable: " + reason, cause);
        this.provider = provider;
        this.reason = reason;
        this.retryAfter = retryAfter;
        this.rateLimited = rateLimited;
    }

    public String provider() {
        return provider;
    }

    /** What went wrong, without the provider's name: {@code HTTP 503}, {@code could not be reached}. */
    public String reason() {
        return reason;
    }

    /** The provider's own countdown, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * This failure, with {@code fallback} as its wait when the provider named none: for a caller
     * whose backoff is one fixed wait, so that everyone it hands the error to reads a wait. An
     * exception that has a wait is returned as it is.
     */
    public ProviderUnavailableException orRetryAfter(Duration fallback) {
        return retryAfter != null ? this : new ProviderUnavailableException(provider, reason, fallback, rateLimited, getCause());
    }

    public boolean rateLimited() {
        return rateLimited;
    }
}
