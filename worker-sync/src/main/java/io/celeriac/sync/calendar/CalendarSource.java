package io.celeriac.sync.calendar;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A user's calendar feed and what the last sync learnt about it.
 *
 * @param zone       the user's time zone: floating times and all-day dates are read in it
 * @param expandedAt when the feed was last parsed from a full body, or null
 */
public record CalendarSource(long id, long userId, String url, String etag, String lastModified, ZoneId zone,
                             Instant expandedAt) {

    /** For logs: the host only, as a feed's address often embeds a secret. */
    public String host() {
        java.net.URI uri = uri();
        return uri == null || uri.getHost() == null ? "unknown" : uri.getHost();
    }

    /** {@code host:port} (the scheme's port when none is written): what a circuit breaker is keyed by. */
    public String endpoint() {
        java.net.URI uri = uri();
        if (uri == null || uri.getHost() == null) {
            return "unknown";
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        return uri.getHost() + ":" + port;
    }

    private java.net.URI uri() {
        try {
            return java.net.URI.create(url.replaceFirst("^webcal://", "https://"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
