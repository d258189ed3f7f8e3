package io.celeriac.ai.db;

import io.celeriac.ai.InvalidAiTaskException;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.NextRun;
import io.celeriac.ai.model.TaskDraft;
import io.celeriac.ai.model.TaskSchedule;
import io.celeriac.ai.model.TaskStatus;
import io.celeriac.db.Database;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * The {@code ai_tasks} table, and the claim of an occurrence. A claim is one transaction:
 * <ol>
 *   <li>lock the task row with {@code FOR UPDATE SKIP LOCKED} (a racing claimer skips it);</li>
 *   <li>check it is active and still due at that occurrence (a stale message finds it moved on);</li>
 *   <li>insert the run row, unique per (task, occurrence): the second guard, should two paths meet;</li>
 *   <li>advance the task to its next occurrence in its zone, or complete it.</li>
 * </ol>
 * Every method takes {@code now}: the store never reads a clock.
 */
public final class TaskStore {
    private final Jdbi jdbi;

    public TaskStore(Database database) {
        this.jdbi = database.jdbi();
    }

    /** The task with {@code draft}'s idempotency key: inserted now, or the one inserted by an earlier try. */
    public record Created(AiTask task, boolean created) {
    }

    /**
     * Inserts the task, or finds the one inserted by an earlier try with the same key. A new task
     * is refused when its user already has {@code maxActive} active or paused tasks; the user's row
     * is locked meanwhile, so racing creates cannot overshoot.
     */
    public Created insertOrFind(TaskDraft d, Instant now, int maxActive) {
        try {
            return jdbi.inTransaction(h -> {
                h.createQuery("SELECT id FROM users WHERE id = :user FOR UPDATE").bind("user", d.userId()).mapTo(Long.class).findOne();
                Optional<AiTask> existing = h.createQuery("SELECT * FROM ai_tasks WHERE user_id = :user AND idempotency_key = :key")
                        .bind("user", d.userId()).bind("key", d.idempotencyKey()).map(Rows::task).findOne();
                if (existing.isPresent()) {
                    return new Created(existing.get(), false);
                }
                int active = h.createQuery("SELECT count(*) FROM ai_tasks WHERE user_id = :user AND status IN ('active', 'paused')")
                        .bind("user", d.userId()).mapTo(Integer.class).one();
                if (active >= maxActive) {
                    throw new InvalidAiTaskException("limit", "user " + d.userId() + " has " + active
                            + " active or paused tasks, the most allowed; cancel one first");
                }
                return new Created(insert(h, d, now), true);
            });
        } catch (StatementException e) {
            if (e.getCause() instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                // a data exception (a date out of range): the input's fault, whatever slipped past validation
                throw new InvalidAiTaskException("schedule", "a value is out of range: " + sql.getMessage().lines().findFirst().orElse(""));
            }
            throw e;
        }
    }

    private AiTask insert(Handle h, TaskDraft d, Instant now) {
        var insert = h.createQuery("""
                INSERT INTO ai_tasks (user_id, title, prompt, kind, schedule_type, run_at, cron_expression,
                    interval_seconds, time_zone, next_run_at, status, channels, max_runs, end_at, idempotency_key,
                    created_at, updated_at, created_by_run)
                VALUES (:user, :title, :prompt, :kind, :type, :runAt, :cron, :interval, :zone, :next, 'active',
                    :channels, :maxRuns, :endAt, :key, :now, :now, :createdByRun)
                RETURNING *""")
                .bind("user", d.userId()).bind("title", d.title()).bind("prompt", d.prompt())
                .bind("kind", d.kind().dbName()).bind("type", d.schedule().type())
                .bind("cron", d.schedule() instanceof TaskSchedule.Cron c ? c.expression() : null)
                .bind("interval", d.schedule() instanceof TaskSchedule.Every e ? e.period().toSeconds() : null)
                .bind("zone", d.zone().getId()).bind("channels", Channel.format(d.channels()))
                .bind("maxRuns", d.maxRuns()).bind("key", d.idempotencyKey()).bind("createdByRun", d.createdByRun());
        Instant runAt = switch (d.schedule()) {
            case TaskSchedule.Once o -> o.at();
            case TaskSchedule.Every e -> e.anchor();
            case TaskSchedule.Cron c -> null;
        };
        Rows.bindInstant(insert, "runAt", runAt);
        Rows.bindInstant(insert, "next", d.firstRun());
        Rows.bindInstant(insert, "endAt", d.endAt());
        Rows.bindInstant(insert, "now", now);
        return insert.map(Rows::task).one();
    }

    public Optional<AiTask> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ai_tasks WHERE id = :id").bind("id", id).map(Rows::task).findOne());
    }

    public Optional<AiTask> findByKey(long userId, String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ai_tasks WHERE user_id = :user AND idempotency_key = :key")
                .bind("user", userId).bind("key", key).map(Rows::task).findOne());
    }

    /** Tasks newest first, of one user when {@code userId} is not null. */
    public List<AiTask> list(Long userId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM ai_tasks WHERE (CAST(:user AS BIGINT) IS NULL OR user_id = :user)
                        ORDER BY id DESC LIMIT :limit""")
                .bind("user", userId).bind("limit", limit).map(Rows::task).list());
    }

    /** Active tasks of a user with a run due before {@code until}, soonest first. */
    public List<AiTask> activeDueBefore(long userId, Instant until) {
        return jdbi.withHandle(h -> Rows.bindInstant(h.createQuery("""
                        SELECT * FROM ai_tasks WHERE user_id = :user AND status = 'active'
                        AND next_run_at IS NOT NULL AND next_run_at < :until ORDER BY next_run_at"""), "until", until)
                .bind("user", userId).map(Rows::task).list());
    }

    /**
     * Moves a task from one of {@code from} to {@code to} and sets its next run; empty when the
     * task is not in one of those states (the caller says why).
     */
    public Optional<AiTask> transition(long id, Set<TaskStatus> from, TaskStatus to, Instant nextRunAt, Instant now) {
        return jdbi.withHandle(h -> {
            var update = h.createQuery("""
                    UPDATE ai_tasks SET status = :to, next_run_at = :next, updated_at = :now
                    WHERE id = :id AND status IN (<from>) RETURNING *""")
                    .bind("id", id).bind("to", to.dbName())
                    .bindList("from", from.stream().map(TaskStatus::dbName).collect(Collectors.toList()));
            Rows.bindInstant(update, "next", nextRunAt);
            Rows.bindInstant(update, "now", now);
            return update.map(Rows::task).findOne();
        });
    }

    /** Marks a task whose last run failed and that has nothing left to run as failed. */
    public void failIfFinished(long id, Instant now) {
        jdbi.useHandle(h -> Rows.bindInstant(h.createUpdate("""
                UPDATE ai_tasks SET status = 'failed', updated_at = :now
                WHERE id = :id AND status = 'completed' AND next_run_at IS NULL"""), "now", now).bind("id", id).execute());
    }

    /** Claims one occurrence of one task; empty when it is not due, already claimed, or locked by a racing claimer. */
    public Optional<Claim> claim(long taskId, Instant occurrence, Instant now) {
        return jdbi.inTransaction(h -> {
            var select = h.createQuery("""
                    SELECT * FROM ai_tasks WHERE id = :id AND status = 'active' AND next_run_at = :occurrence
                    AND next_run_at <= :now FOR UPDATE SKIP LOCKED""").bind("id", taskId);
            Rows.bindInstant(select, "occurrence", occurrence);
            Rows.bindInstant(select, "now", now);
            return select.map(Rows::task).findOne().flatMap(task -> claimLocked(h, task, now));
        });
    }

    /** Claims every due occurrence (up to {@code limit} tasks) that no one else holds. */
    public List<Claim> claimDue(Instant now, int limit) {
        return jdbi.inTransaction(h -> {
            List<AiTask> due = Rows.bindInstant(h.createQuery("""
                    SELECT * FROM ai_tasks WHERE status = 'active' AND next_run_at <= :now
                    ORDER BY next_run_at LIMIT :limit FOR UPDATE SKIP LOCKED"""), "now", now)
                    .bind("limit", limit).map(Rows::task).list();
            List<Claim> claims = new ArrayList<>(due.size());
            for (AiTask task : due) {
                claimLocked(h, task, now).ifPresent(claims::add);
            }
            return claims;
        });
    }

    private Optional<Claim> claimLocked(Handle h, AiTask task, Instant now) {
        Instant occurrence = task.nextRunAt();
        var insert = h.createQuery("""
                INSERT INTO ai_task_runs (task_id, scheduled_for, status, claimed_at) VALUES (:task, :occurrence, 'pending', :now)
                ON CONFLICT (task_id, scheduled_for) DO NOTHING RETURNING id""").bind("task", task.id());
        Rows.bindInstant(insert, "occurrence", occurrence);
        Rows.bindInstant(insert, "now", now);
        Optional<Long> runId = insert.mapTo(Long.class).findOne();
        int runs = task.runCount() + (runId.isPresent() ? 1 : 0);
        Instant next = NextRun.after(task, occurrence, now, runs).orElse(null);
        var advance = h.createQuery("""
                UPDATE ai_tasks SET next_run_at = :next, last_run_at = :occurrence, run_count = :runs,
                    status = CASE WHEN CAST(:next AS TIMESTAMPTZ) IS NULL THEN 'completed' ELSE status END, updated_at = :now
                WHERE id = :id RETURNING *""").bind("id", task.id()).bind("runs", runs);
        Rows.bindInstant(advance, "next", next);
        Rows.bindInstant(advance, "occurrence", occurrence);
        Rows.bindInstant(advance, "now", now);
        AiTask advanced = advance.map(Rows::task).one();
        // an occurrence already served (a run row existed) only moves the task on
        return runId.map(id -> new Claim(advanced, id, occurrence));
    }
}
