package io.celeriac.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How a client talks to its providers.
 *
 * @param connectTimeout   one TCP (and TLS) connection attempt
 * @param readTimeout      silence between bytes of an answer
 * @param callTimeout      the whole call, redirects and retries included; a stalled provider ends here
 * @param userAgent        the User-Agent header sent with every request
 * @param retryConnections whether OkHttp may repeat a request on a fresh connection after a connection
 *                         failure: fine for GETs, not for a POST that sends an SMS
 */
public record ClientSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout, String userAgent,
                             boolean retryConnections) {
    public ClientSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        if (connectTimeout.isNegative() || readTimeout.isNegative() || callTimeout.isNegative()) {
            throw new IllegalArgumentException("HTTP timeouts must not be negative");
        }
    }
}
