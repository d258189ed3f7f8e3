package io.celeriac.maintenance.db;

import io.celeriac.db.Database;
import org.jdbi.v3.core.Jdbi;

/**
 * Deletes expired rows of {@code user_sessions} a batch at a time, each batch its own short
 * transaction, so a backlog of millions never holds locks for long; {@code SKIP LOCKED} leaves a
 * session that the application is touching right now for the next batch or run. "Expired" is
 * judged by the database's clock ({@code now()}), the clock the application wrote
 * {@code expires_at} against, never by the worker's: a worker whose clock runs ahead would log
 * everyone out.
 */
public final class SessionCleaner {
    private final Jdbi jdbi;
    private final int batchSize;

    public SessionCleaner(Database database, int batchSize) {
        this.jdbi = database.jdbi();
        this.batchSize = batchSize;
    }

    /** What a run did. */
    public record Result(long deleted, int batches) {
    }

    /** Deletes sessions that expired at or before the database's {@code now()}. */
    public Result deleteExpired() {
        long deleted = 0;
        int batches = 0;
        int last;
        do {
            last = jdbi.withHandle(h -> h.createUpdate("""
                            DELETE FROM user_sessions s
                             USING (SELECT id FROM user_sessions WHERE expires_at <= now()
                                     ORDER BY expires_at LIMIT :batch FOR UPDATE SKIP LOCKED) doomed
                             WHERE s.id = doomed.id""")
                    .bind("batch", batchSize)
                    .execute());
            deleted += last;
            batches++;
        } while (last == batchSize);
        return new Result(deleted, batches);
    }
}
