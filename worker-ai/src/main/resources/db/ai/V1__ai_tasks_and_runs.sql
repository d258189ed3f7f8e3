-- AI tasks: what a user asked for, when it runs next, and how to reach them.
-- The database is the truth about what is due; Redis only carries the wake-up messages.
CREATE TABLE ai_tasks (
    id               BIGSERIAL PRIMARY KEY,
    user_id          BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title            TEXT        NOT NULL,
    prompt           TEXT        NOT NULL,
    kind             TEXT        NOT NULL CHECK (kind IN ('reminder', 'automated', 'periodic')),
    schedule_type    TEXT        NOT NULL CHECK (schedule_type IN ('once', 'cron', 'interval')),
    run_at           TIMESTAMPTZ,              -- once: the instant; interval: the grid's anchor
    cron_expression  TEXT,
    interval_seconds BIGINT,
    time_zone        TEXT        NOT NULL,
    next_run_at      TIMESTAMPTZ,              -- null: nothing more to run
    last_run_at      TIMESTAMPTZ,
    status           TEXT        NOT NULL CHECK (status IN ('active', 'paused', 'completed', 'failed', 'cancelled')),
    channels         TEXT        NOT NULL,     -- comma-separated: sms, email
    run_count        INTEGER     NOT NULL DEFAULT 0,
    max_runs         INTEGER,
    end_at           TIMESTAMPTZ,
    idempotency_key  TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CHECK ((schedule_type = 'once' AND run_at IS NOT NULL)
        OR (schedule_type = 'cron' AND cron_expression IS NOT NULL)
        OR (schedule_type = 'interval' AND interval_seconds > 0 AND run_at IS NOT NULL))
);
-- A retried create (CLI, chat, a tool call repeated by the LLM) finds the first task instead of adding one.
CREATE UNIQUE INDEX ai_tasks_idempotency ON ai_tasks (user_id, idempotency_key);
-- The sweep: active tasks by due time.
CREATE INDEX ai_tasks_due ON ai_tasks (next_run_at) WHERE status = 'active';
CREATE INDEX ai_tasks_user ON ai_tasks (user_id, id);

-- One row per occurrence served: the unique key is what makes a claim happen once.
CREATE TABLE ai_task_runs (
    id             BIGSERIAL PRIMARY KEY,
    task_id        BIGINT      NOT NULL REFERENCES ai_tasks (id) ON DELETE CASCADE,
    scheduled_for  TIMESTAMPTZ NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('pending', 'running', 'retrying', 'succeeded', 'failed')),
    attempts       INTEGER     NOT NULL DEFAULT 0,
    claimed_at     TIMESTAMPTZ NOT NULL,
    started_at     TIMESTAMPTZ,
    finished_at    TIMESTAMPTZ,
    output         TEXT,
    tool_calls     JSONB       NOT NULL DEFAULT '[]',
    tokens_used    INTEGER     NOT NULL DEFAULT 0,
    error          TEXT,
    notification   TEXT,
    UNIQUE (task_id, scheduled_for)
);
CREATE INDEX ai_task_runs_finished ON ai_task_runs (finished_at);
CREATE INDEX ai_task_runs_task ON ai_task_runs (task_id, scheduled_for DESC);

-- At most one notification per run and channel, however often the run is retried.
-- 'sending' is written before the provider is called: a crash mid-send leaves it, and it is never
-- sent again (at most once); 'failed' is a send the provider refused or never took, tried again.
CREATE TABLE ai_notifications (
    run_id       BIGINT      NOT NULL REFERENCES ai_task_runs (id) ON DELETE CASCADE,
    channel      TEXT        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
    provider_ref TEXT,
    detail       TEXT,
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (run_id, channel)
);

-- test_scheduler_connection's results.
CREATE TABLE ai_connection_checks (
    id          BIGSERIAL PRIMARY KEY,
    checked_at  TIMESTAMPTZ NOT NULL,
    redis_ok    BOOLEAN     NOT NULL,
    database_ok BOOLEAN     NOT NULL,
    llm_ok      BOOLEAN,
    detail      TEXT
);
