package io.celeriac.http;

import java.io.IOException;
import java.time.Clock;
import okhttp3.Response;

/**
 * A provider's answers in the one vocabulary of availability: 408, 429 and 5xx, and every I/O
 * failure, are {@link ProviderUnavailableException}; 429 carries the provider's Retry-After (its
 * fallback when absent), and so does a 503 that sends one. What counts as a refusal (401, 404,
 * ...) stays each module's business.
 */
public final class ProviderResponses {
    private final String provider;
    private final RetryAfter retryAfter;
    private final Clock clock;

    public ProviderResponses(String provider, RetryAfter retryAfter, Clock clock) {
        this.provider = provider;
        this.retryAfter = retryAfter;
        this.clock = clock;
    }

    /** 408, 429, 5xx: worth trying again later. */
    public static boolean unavailable(int code) {
        return code == 408 || code == 429 || code >= 500;
    }

    /**
     * The exception for an answer that {@link #unavailable(int)}.
     *
     * @throws IllegalArgumentException for any other answer
     */
    public ProviderUnavailableException of(Response response) {
        return of(response, null);
    }

    /**
     * As {@link #of(Response)}, with the provider's own words about it appended
     * ({@code llm unavailable: HTTP 503: overloaded}): for providers an operator configured, whose
     * error text helps whoever reads the failure. The caller extracts and masks that text; it must
     * not come from a URL a user supplied (it could describe the inside of a network).
     *
     * @param providerMessage null or blank: none
     */
    public ProviderUnavailableException of(Response response, String providerMessage) {
        int code = response.code();
        if (!unavailable(code)) {
            throw new IllegalArgumentException("HTTP " + code + " is not an availability problem");
        }
        String header = response.header("Retry-After");
        String words = providerMessage == null || providerMessage.isBlank() ? "" : ": " + providerMessage.strip();
        if (code == 429) {
            return new ProviderUnavailableException(provider, "rate limited (HTTP 429)" + words,
                    retryAfter.parse(header, clock.instant()), true, null);
        }
        return new ProviderUnavailableException(provider, "HTTP " + code + words,
                code == 503 && header != null ? retryAfter.parse(header, clock.instant()) : null, false, null);
    }

    /**
     * No answer: refused, reset, timed out, no such host. One message for all of them, so whoever
     * reads it cannot tell an open port from a closed one; the cause keeps the detail for logs.
     */
    public ProviderUnavailableException of(IOException failure) {
        return new ProviderUnavailableException(provider, "could not be reached", null, false, failure);
    }
}
