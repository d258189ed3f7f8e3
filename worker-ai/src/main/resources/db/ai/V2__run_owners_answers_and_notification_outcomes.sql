-- Issue 29 and 23: a run records the worker (and its incarnation) that owns it, so a redelivered
-- message takes a dead owner's run over at once; the model's answer is kept before any
-- notification, so retrying a notification never asks the model again.
ALTER TABLE ai_task_runs ADD COLUMN owner TEXT;
ALTER TABLE ai_task_runs ADD COLUMN owner_started TEXT;
ALTER TABLE ai_task_runs ADD COLUMN answered_at TIMESTAMPTZ;

-- A task made by a run's create_ai_task call: its own runs cannot make tasks (no self-replication).
ALTER TABLE ai_tasks ADD COLUMN created_by_run BIGINT;

-- Each channel's message is stored when planned; the outcome is one of
--   pending  planned, known not delivered (never tried, or the provider was unavailable): sent on retry
--   sending  the request may be in flight: never resent blindly, reconciled with the provider first
--   sent     the provider took it
--   failed   refused for good (a 4xx, no address, opted out)
--   unknown  the outcome could not be established: never resent, shown in `ai runs`, counted
ALTER TABLE ai_notifications ADD COLUMN subject TEXT;
ALTER TABLE ai_notifications ADD COLUMN body TEXT;
ALTER TABLE ai_notifications ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ai_notifications ADD COLUMN sending_since TIMESTAMPTZ;
ALTER TABLE ai_notifications DROP CONSTRAINT ai_notifications_status_check;
-- 'failed' used to mean "retry may send it"
UPDATE ai_notifications SET status = 'pending' WHERE status = 'failed';
ALTER TABLE ai_notifications ADD CONSTRAINT ai_notifications_status_check
    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'unknown'));
