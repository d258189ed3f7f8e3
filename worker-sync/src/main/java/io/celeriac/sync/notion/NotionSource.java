package io.celeriac.sync.notion;

import java.time.Instant;

/**
 * A user's Notion integration.
 *
 * @param token  the integration's secret; never logged
 * @param cursor the newest edit time the last complete sync saw, or null before the first
 */
public record NotionSource(long id, long userId, String token, Instant cursor) {

    @Override
    public String toString() {
        return "NotionSource[id=" + id + ", userId=" + userId + ", cursor=" + cursor + "]";
    }
}
