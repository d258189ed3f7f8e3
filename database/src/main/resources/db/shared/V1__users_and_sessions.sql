-- The application's users, shared by every module (AI tasks, e-mail, sync, backups).
CREATE TABLE users (
    id              BIGSERIAL PRIMARY KEY,
    name            TEXT        NOT NULL,
    email           TEXT,
    phone           TEXT,
    time_zone       TEXT        NOT NULL DEFAULT 'UTC',
    notify_email    BOOLEAN     NOT NULL DEFAULT TRUE,
    notify_sms      BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE email IS NOT NULL;

-- Web sessions of users; maintenance deletes expired ones in batches.
CREATE TABLE user_sessions (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  TEXT        NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX user_sessions_expires_at ON user_sessions (expires_at);
