package io.celeriac.sync;

import java.time.Instant;

/**
 * One source as operators see it ({@code celeriac sync sources list}).
 *
 * @param address        a feed's URL, or a Notion token's hint ({@code secret_…ab12}); never a token
 * @param tokenEncrypted for Notion, whether the token is stored sealed; null for a feed
 * @param items          events (feed) or pages (Notion) currently stored from it
 */
public record SourceSummary(SourceKind kind, long id, long userId, String name, String address, Boolean tokenEncrypted,
                            String status, String lastError, Instant lastSyncedAt, Instant createdAt, long items) {

    public boolean active() {
        return "active".equals(status);
    }
}
