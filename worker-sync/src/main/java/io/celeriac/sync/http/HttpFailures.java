package io.celeriac.sync.http;

import io.celeriac.sync.InvalidResponseException;
import io.celeriac.sync.ProviderUnavailableException;
import io.celeriac.sync.RateLimitedException;
import io.celeriac.sync.SourceUnauthorizedException;
import io.celeriac.sync.SyncException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Response;

/** HTTP answers and I/O errors as the sync's exceptions, which decide retry versus attention. */
final class HttpFailures {
    /** A Retry-After beyond this is treated as this: the next scheduled run comes sooner anyway. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(6);

    private final Clock clock;
    private final Duration defaultRetryAfter;

    HttpFailures(Clock clock, Duration defaultRetryAfter) {
        this.clock = clock;
        this.defaultRetryAfter = defaultRetryAfter;
    }

    /**
     * The exception for an unsuccessful response.
     *
     * @param goneMeansAttention for feeds, 403/404/410 mean the address is wrong or revoked: a person must act
     */
    SyncException of(String provider, Response response, boolean goneMeansAttention) {
        int code = response.code();
        if (code == 429) {
            return new RateLimitedException(provider, retryAfter(response.header("Retry-After")));
        }
        if (code == 401 || (goneMeansAttention && (code == 403 || code == 404 || code == 410))) {
            return new SourceUnauthorizedException(provider + " refused the source with HTTP " + code);
        }
        if (code == 408 || code >= 500) {
            return new ProviderUnavailableException(provider + " answered HTTP " + code);
        }
        return new InvalidResponseException(provider + " answered HTTP " + code);
    }

    static ProviderUnavailableException of(String provider, IOException e) {
        return new ProviderUnavailableException(provider + " did not answer: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }

    /** Retry-After is seconds or an HTTP date (RFC 9110 10.2.3); anything unreadable gets the default. */
    Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return defaultRetryAfter;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                wait = Duration.between(clock.instant(), at.toInstant());
            } catch (DateTimeParseException notDate) {
                return defaultRetryAfter;
            }
        }
        if (wait.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }
}
