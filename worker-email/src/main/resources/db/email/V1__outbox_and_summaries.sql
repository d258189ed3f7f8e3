-- The e-mail outbox: every message any module sends, keyed by the sender's idempotency key.
-- status: pending (waiting, due at next_attempt_at) -> sending (claimed by claim_token at
-- claimed_at) -> sent | failed; a transient failure puts it back to pending.
CREATE TABLE email_outbox (
    id               BIGSERIAL PRIMARY KEY,
    idempotency_key  TEXT        NOT NULL UNIQUE,
    recipient        TEXT        NOT NULL,
    subject          TEXT        NOT NULL,
    body             TEXT        NOT NULL,
    html             TEXT,
    status           TEXT        NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts         INTEGER     NOT NULL DEFAULT 0,
    claim_token      TEXT,
    claimed_at       TIMESTAMPTZ,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    sent_at          TIMESTAMPTZ
);
-- process_email_queue scans open messages oldest first
CREATE INDEX email_outbox_open ON email_outbox (created_at, id) WHERE status IN ('pending', 'sending');

-- One decision per user and local day: the summary was queued (outbox_id) or there was nothing to report.
CREATE TABLE email_daily_summaries (
    user_id     BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    local_date  DATE        NOT NULL,
    outcome     TEXT        NOT NULL CHECK (outcome IN ('queued', 'empty')),
    outbox_id   BIGINT      REFERENCES email_outbox (id) ON DELETE SET NULL,
    decided_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, local_date)
);
