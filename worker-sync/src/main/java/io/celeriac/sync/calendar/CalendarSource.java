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
        try {
            String host = java.net.URI.create(url.replaceFirst("^webcal://", "https://")).getHost();
            return host == null ? "unknown" : host;
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }
}
