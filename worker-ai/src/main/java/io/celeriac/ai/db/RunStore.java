package io.celeriac.ai.db;

import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.RunStatus;
import io.celeriac.db.Database;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code ai_task_runs} table. A run is started only from pending or retrying (or running past
 * {@code staleBefore}, when its worker died), so a duplicated execute message finds nothing to do.
 */
public final class RunStore {
    private final Jdbi jdbi;

    public RunStore(Database database) {
        this.jdbi = database.jdbi();
    }

    public Optional<AiTaskRun> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ai_task_runs WHERE id = :id").bind("id", id).map(Rows::run).findOne());
    }

    /**
     * Marks the run running under {@code owner} (one more attempt): from pending or retrying, or
     * taken over from a running attempt whose owner is gone ({@code takeOverFrom}: the owner and
     * attempt the caller saw; the update is conditional on them) or which started before
     * {@code staleBefore}. Empty when it is finished or running elsewhere.
     */
    public Optional<AiTaskRun> start(long id, String owner, String ownerStarted, Instant now, Instant staleBefore,
                                     AiTaskRun takeOverFrom) {
        return jdbi.withHandle(h -> {
            var q = h.createQuery("""
                    UPDATE ai_task_runs SET status = 'running', attempts = attempts + 1, started_at = :now,
                        owner = :owner, owner_started = :ownerStarted
                    WHERE id = :id AND (status IN ('pending', 'retrying')
                        OR (status = 'running' AND started_at < :stale)
                        OR (status = 'running' AND :takeover AND attempts = :attempts AND owner IS NOT DISTINCT FROM :oldOwner))
                    RETURNING *""").bind("id", id).bind("owner", owner).bind("ownerStarted", ownerStarted)
                    .bind("takeover", takeOverFrom != null)
                    .bind("attempts", takeOverFrom == null ? -1 : takeOverFrom.attempts())
                    .bind("oldOwner", takeOverFrom == null ? null : takeOverFrom.owner());
            Rows.bindInstant(q, "now", now);
            Rows.bindInstant(q, "stale", staleBefore);
            return q.map(Rows::run).findOne();
        });
    }

    /**
     * Keeps the model's final answer with the run, before anything is sent: a later attempt only
     * notifies. Conditional on the attempt still owning the run; false when it was taken over.
     */
    public boolean answered(AiTaskRun attempt, String output, String toolCallsJson, int tokens, String note, Instant now) {
        return jdbi.withHandle(h -> Rows.bindInstant(h.createUpdate("""
                        UPDATE ai_task_runs SET output = :output, tool_calls = CAST(:calls AS JSONB), tokens_used = :tokens,
                            error = :note, answered_at = :now
                        WHERE id = :id AND status = 'running' AND attempts = :attempts"""), "now", now)
                .bind("id", attempt.id()).bind("attempts", attempt.attempts()).bind("output", output)
                .bind("calls", toolCallsJson).bind("tokens", tokens).bind("note", note).execute() == 1);
    }

    /** Records the outcome of a finished run, if the attempt still owns it. */
    public boolean finish(AiTaskRun attempt, RunStatus status, String output, String toolCallsJson, int tokens, String error,
                          String notification, Instant now) {
        return jdbi.withHandle(h -> Rows.bindInstant(h.createUpdate("""
                        UPDATE ai_task_runs SET status = :status, output = :output, tool_calls = CAST(:calls AS JSONB),
                            tokens_used = :tokens, error = :error, notification = :notification, finished_at = :now
                        WHERE id = :id AND status = 'running' AND attempts = :attempts"""), "now", now)
                .bind("id", attempt.id()).bind("attempts", attempt.attempts()).bind("status", status.dbName())
                .bind("output", output).bind("calls", toolCallsJson).bind("tokens", tokens).bind("error", error)
                .bind("notification", notification).execute() == 1);
    }

    /** A run waiting for a provider: keeps what it has done so far. */
    public void retrying(AiTaskRun attempt, String error, String toolCallsJson, int tokens, String notification) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE ai_task_runs SET status = 'retrying', error = :error, tool_calls = CAST(:calls AS JSONB),
                            tokens_used = :tokens, notification = :notification
                        WHERE id = :id AND status = 'running' AND attempts = :attempts""")
                .bind("id", attempt.id()).bind("attempts", attempt.attempts()).bind("error", error).bind("calls", toolCallsJson)
                .bind("tokens", tokens).bind("notification", notification).execute());
    }

    /** Runs running now, with their owners: the sweep restarts those whose owner is gone. */
    public List<AiTaskRun> running(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ai_task_runs WHERE status = 'running' ORDER BY id LIMIT :limit")
                .bind("limit", limit).map(Rows::run).list());
    }

    /** The task's latest runs, newest first. */
    public List<AiTaskRun> latest(long taskId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM ai_task_runs WHERE task_id = :task ORDER BY scheduled_for DESC LIMIT :limit""")
                .bind("task", taskId).bind("limit", limit).map(Rows::run).list());
    }

    /** Runs of a user's tasks whose occurrence lies in [from, to), with the task title, oldest first. */
    public record TitledRun(String title, AiTaskRun run) {
    }

    public List<TitledRun> forUserBetween(long userId, Instant from, Instant to) {
        return jdbi.withHandle(h -> {
            var q = h.createQuery("""
                    SELECT r.*, t.title FROM ai_task_runs r JOIN ai_tasks t ON t.id = r.task_id
                    WHERE t.user_id = :user AND r.scheduled_for >= :from AND r.scheduled_for < :to
                    ORDER BY r.scheduled_for""").bind("user", userId);
            Rows.bindInstant(q, "from", from);
            Rows.bindInstant(q, "to", to);
            return q.map((rs, ctx) -> new TitledRun(rs.getString("title"), Rows.run(rs, ctx))).list();
        });
    }

    /**
     * Runs whose next step no message will bring: claimed but never started (the execute message was
     * lost), running past the stale limit (the worker died), or waiting to retry whose attempt
     * started before {@code retryingBefore} (the retry message was lost).
     */
    public List<Long> stranded(Instant pendingBefore, Instant runningBefore, Instant retryingBefore, int limit) {
        return jdbi.withHandle(h -> {
            var q = h.createQuery("""
                    SELECT id FROM ai_task_runs WHERE (status = 'pending' AND claimed_at < :pending)
                    OR (status = 'running' AND started_at < :running)
                    OR (status = 'retrying' AND started_at < :retrying) ORDER BY id LIMIT :limit""").bind("limit", limit);
            Rows.bindInstant(q, "pending", pendingBefore);
            Rows.bindInstant(q, "running", runningBefore);
            Rows.bindInstant(q, "retrying", retryingBefore);
            return q.mapTo(Long.class).list();
        });
    }

    /** Deletes finished runs older than {@code before}; returns how many. */
    public int deleteFinishedBefore(Instant before) {
        return jdbi.withHandle(h -> Rows.bindInstant(h.createUpdate("""
                DELETE FROM ai_task_runs WHERE status IN ('succeeded', 'failed') AND finished_at < :before"""),
                "before", before).execute());
    }

    /** Records a connection check (test_scheduler_connection). */
    public void recordCheck(Instant now, boolean redisOk, boolean databaseOk, Boolean llmOk, String detail) {
        jdbi.useHandle(h -> Rows.bindInstant(h.createUpdate("""
                        INSERT INTO ai_connection_checks (checked_at, redis_ok, database_ok, llm_ok, detail)
                        VALUES (:now, :redis, :db, :llm, :detail)"""), "now", now)
                .bind("redis", redisOk).bind("db", databaseOk).bind("llm", llmOk).bind("detail", detail).execute());
    }
}
