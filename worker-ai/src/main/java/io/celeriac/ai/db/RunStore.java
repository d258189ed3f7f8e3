package io.celeriac.ai.db;

import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.RunStatus;
import io.celeriac.core.db.Database;
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

    /** Marks the run running (one more attempt); empty when it is finished or running elsewhere. */
    public Optional<AiTaskRun> start(long id, Instant now, Instant staleBefore) {
        return jdbi.withHandle(h -> {
            var q = h.createQuery("""
                    UPDATE ai_task_runs SET status = 'running', attempts = attempts + 1, started_at = :now
                    WHERE id = :id AND (status IN ('pending', 'retrying') OR (status = 'running' AND started_at < :stale))
                    RETURNING *""").bind("id", id);
            Rows.bindInstant(q, "now", now);
            Rows.bindInstant(q, "stale", staleBefore);
            return q.map(Rows::run).findOne();
        });
    }

    /** Records the outcome of a finished run. */
    public void finish(long id, RunStatus status, String output, String toolCallsJson, int tokens, String error,
                       String notification, Instant now) {
        jdbi.useHandle(h -> Rows.bindInstant(h.createUpdate("""
                        UPDATE ai_task_runs SET status = :status, output = :output, tool_calls = CAST(:calls AS JSONB),
                            tokens_used = :tokens, error = :error, notification = :notification, finished_at = :now
                        WHERE id = :id"""), "now", now)
                .bind("id", id).bind("status", status.dbName()).bind("output", output).bind("calls", toolCallsJson)
                .bind("tokens", tokens).bind("error", error).bind("notification", notification).execute());
    }

    /** A run waiting for a provider: keeps what it has done so far. */
    public void retrying(long id, String error, String toolCallsJson, int tokens) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE ai_task_runs SET status = 'retrying', error = :error, tool_calls = CAST(:calls AS JSONB),
                            tokens_used = :tokens WHERE id = :id AND status = 'running'""")
                .bind("id", id).bind("error", error).bind("calls", toolCallsJson).bind("tokens", tokens).execute());
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
