package io.celeriac.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.config.ConfigException;
import io.celeriac.core.config.Durations;
import java.net.URI;
import java.time.Duration;

/**
 * The {@code sync:} section of {@code celeriac.yaml}, validated once.
 *
 * @param calendarAhead    recurring events are expanded this far ahead of now
 * @param calendarBehind   and kept this far behind now (so today's earlier events stay visible)
 * @param connectTimeout   HTTP connect timeout
 * @param readTimeout      HTTP read timeout (a stalled provider fails after this)
 * @param maxFeedBytes     a calendar feed larger than this is refused
 * @param notionBaseUrl    Notion's API root (tests point it at a local server)
 * @param notionVersion    the {@code Notion-Version} header
 * @param breakerOpenFor   how long a provider's circuit breaker stays open after tripping
 * @param breakerMinCalls  calls in the breaker's window before it may trip
 * @param defaultRetryAfter countdown for a 429 without a usable Retry-After
 */
public record SyncSettings(Duration calendarAhead, Duration calendarBehind, Duration connectTimeout,
                           Duration readTimeout, long maxFeedBytes, URI notionBaseUrl, String notionVersion,
                           Duration breakerOpenFor, int breakerMinCalls, Duration defaultRetryAfter) {

    public static SyncSettings defaults() {
        return from(null);
    }

    /** Reads the section; absent keys take their defaults. */
    public static SyncSettings from(JsonNode section) {
        JsonNode node = section == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : section;
        SyncSettings settings = new SyncSettings(
                duration(node, "calendar_window", "30d"),
                duration(node, "calendar_keep_past", "1d"),
                duration(node, "connect_timeout", "10s"),
                duration(node, "read_timeout", "30s"),
                node.path("max_feed_bytes").asLong(10L * 1024 * 1024),
                URI.create(node.path("notion_base_url").asText("https://api.notion.com")),
                node.path("notion_version").asText("2022-06-28"),
                duration(node, "breaker_open_for", "5m"),
                node.path("breaker_min_calls").asInt(4),
                duration(node, "default_retry_after", "60s"));
        settings.validate();
        return settings;
    }

    private void validate() {
        if (calendarAhead.isNegative() || calendarAhead.isZero()) {
            throw new ConfigException("sync.calendar_window must be positive");
        }
        if (maxFeedBytes <= 0 || breakerMinCalls <= 0) {
            throw new ConfigException("sync.max_feed_bytes and sync.breaker_min_calls must be positive");
        }
    }

    private static Duration duration(JsonNode node, String key, String fallback) {
        try {
            return Durations.parse(node.path(key).asText(fallback));
        } catch (RuntimeException e) {
            throw new ConfigException("sync." + key + ": " + e.getMessage());
        }
    }
}
