package io.celeriac;

import java.time.Instant;

/**
 * Where a batch stands.
 *
 * @param pending     tasks that have not ended yet
 * @param completedAt when the last task ended (on_complete was sent); null before
 * @param succeededAt when every task had succeeded (on_success was sent); null before, or never
 */
public record BatchStatus(String id, String description, long total, long pending, long succeeded, long failed,
                          Instant createdAt, Instant completedAt, Instant succeededAt) {

    public boolean isComplete() {
        return completedAt != null;
    }
}
