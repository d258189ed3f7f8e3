package io.celeriac.sync.calendar;

import io.celeriac.sync.InvalidSourceException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a feed address before it is stored, so a typo fails at the prompt and not as a source
 * needing attention an hour later. Accepts what the fetcher reads: http, https and webcal (read
 * as https). The scheme is stored in lower case because the fetcher rewrites {@code webcal://} as it is written.
 */
public final class FeedUrl {
    private static final Set<String> SCHEMES = Set.of("http", "https", "webcal");
    private static final int MAX_LENGTH = 2048;

    private FeedUrl() {
    }

    /**
     * @return the address to store
     * @throws InvalidSourceException naming {@code url}; the message never repeats the address (it may hold a secret)
     */
    public static String check(String text) {
        String url = text == null ? "" : text.strip();
        if (url.isEmpty() || url.length() > MAX_LENGTH) {
            throw new InvalidSourceException("url", "must be a feed address of 1 to " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidSourceException("url", "is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new InvalidSourceException("url", "must start with https://, http:// or webcal://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidSourceException("url", "names no host");
        }
        return scheme + url.substring(uri.getScheme().length());
    }

    /** The host of an address {@link #check} accepted (IPv6 literals keep their brackets). */
    public static String host(String checked) {
        return URI.create(checked).getHost();
    }
}
