package io.celeriac.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.config.ConfigException;
import io.celeriac.core.config.Durations;
import io.celeriac.http.AddressPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sync:} section of {@code celeriac.yaml}, validated once.
 *
 * @param calendarAhead    recurring events are expanded this far ahead of now (at most 366 days)
 * @param calendarBehind   and kept this far behind now (so today's earlier events stay visible; at most 31 days)
 * @param connectTimeout   HTTP connect timeout
 * @param readTimeout      HTTP read timeout (a stalled provider fails after this)
 * @param maxFeedBytes     a calendar feed larger than this is refused
 * @param notionBaseUrl    Notion's API root (tests point it at a local server)
 * @param notionVersion    the {@code Notion-Version} header
 * @param breakers         circuit breaker settings
 * @param defaultRetryAfter countdown for a 429 without a usable Retry-After
 * @param limits           what one calendar run may expand and spend
 * @param feedAddresses    which addresses feed fetches may reach: public ones, and {@code allowed_networks}
 */
public record SyncSettings(Duration calendarAhead, Duration calendarBehind, Duration connectTimeout,
                           Duration readTimeout, long maxFeedBytes, URI notionBaseUrl, String notionVersion,
                           Breakers breakers, Duration defaultRetryAfter, CalendarLimits limits,
                           AddressPolicy feedAddresses) {
    private static final Duration MAX_AHEAD = Duration.ofDays(366);
    private static final Duration MAX_BEHIND = Duration.ofDays(31);

    /**
     * @param openFor  how long a breaker stays open after tripping
     * @param minCalls calls in a breaker's window before it may trip
     * @param minUsers distinct users whose calls failed before a host's shared breaker trips
     */
    public record Breakers(Duration openFor, int minCalls, int minUsers) {
    }

    public static SyncSettings defaults() {
        return from(null);
    }

    /** Reads the section; absent keys take their defaults. */
    public static SyncSettings from(JsonNode section) {
        JsonNode node = section == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : section;
        CalendarLimits limits = new CalendarLimits(
                integer(node, "max_instances_per_event", 1_000),
                integer(node, "max_instances_per_feed", 10_000),
                integer(node, "calendar_concurrency", 4),
                duration(node, "calendar_run_budget", "20m"),
                duration(node, "calendar_user_budget", "5m"));
        SyncSettings settings = new SyncSettings(
                duration(node, "calendar_window", "30d"),
                duration(node, "calendar_keep_past", "1d"),
                duration(node, "connect_timeout", "10s"),
                duration(node, "read_timeout", "30s"),
                node.path("max_feed_bytes").asLong(10L * 1024 * 1024),
                URI.create(node.path("notion_base_url").asText("https://api.notion.com")),
                node.path("notion_version").asText("2022-06-28"),
                new Breakers(duration(node, "breaker_open_for", "5m"), integer(node, "breaker_min_calls", 4),
                        integer(node, "breaker_min_users", 2)),
                duration(node, "default_retry_after", "60s"),
                limits,
                addresses(node.path("allowed_networks")));
        settings.validate();
        return settings;
    }

    private void validate() {
        if (calendarAhead.isNegative() || calendarAhead.isZero() || calendarAhead.compareTo(MAX_AHEAD) > 0) {
            throw new ConfigException("sync.calendar_window must be positive and at most 366d, got " + Durations.format(calendarAhead));
        }
        if (calendarBehind.isNegative() || calendarBehind.compareTo(MAX_BEHIND) > 0) {
            throw new ConfigException("sync.calendar_keep_past must be 0 to 31d, got " + Durations.format(calendarBehind));
        }
        if (maxFeedBytes <= 0 || breakers.minCalls() <= 0 || breakers.minUsers() <= 0) {
            throw new ConfigException("sync.max_feed_bytes, sync.breaker_min_calls and sync.breaker_min_users must be positive");
        }
    }

    private static AddressPolicy addresses(JsonNode networks) {
        if (networks.isMissingNode() || networks.isNull()) {
            return AddressPolicy.publicOnly();
        }
        if (!networks.isArray()) {
            throw new ConfigException("sync.allowed_networks must be a list of networks, like [\"10.20.0.0/16\"]");
        }
        List<String> list = new ArrayList<>();
        networks.forEach(n -> list.add(n.asText()));
        try {
            return AddressPolicy.allowing(list);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("sync.allowed_networks: " + e.getMessage());
        }
    }

    private static int integer(JsonNode node, String key, int fallback) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isTextual() && value.asText().strip().matches("-?\\d{1,9}")) {
            return Integer.parseInt(value.asText().strip());
        }
        throw new ConfigException("sync." + key + " must be a whole number, got '" + value.asText() + "'");
    }

    private static Duration duration(JsonNode node, String key, String fallback) {
        try {
            return Durations.parse(node.path(key).asText(fallback));
        } catch (RuntimeException e) {
            throw new ConfigException("sync." + key + ": " + e.getMessage());
        }
    }
}
