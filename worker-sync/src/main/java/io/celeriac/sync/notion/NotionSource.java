package io.celeriac.sync.notion;

import java.time.Instant;

/**
 * A user's Notion integration.
 *
 * @param storedToken the integration's secret as stored: sealed ({@code v1:...}) or legacy
 *                    plaintext; opened by {@link io.celeriac.sync.secret.TokenVault}; never logged
 * @param cursor the newest edit time the last complete sync saw, or null before the first
 */
public record NotionSource(long id, long userId, String storedToken, Instant cursor) {

    @Override
    public String toString() {
        return "NotionSource[id=" + id + ", userId=" + userId + ", cursor=" + cursor + "]";
    }
}
