-- worker-sync's tables. Sources belong to users; what a sync stores belongs to its source, so
-- deleting a source (or a user) removes everything synced from it.

-- An iCalendar feed (a calendar's public/secret address, or a CalDAV calendar's export URL).
-- etag / last_modified are the validators of the last 200 response, sent back as
-- If-None-Match / If-Modified-Since so an unchanged feed answers 304 and costs nothing.
-- expanded_at is when recurring events were last expanded from a full body: a feed that answers
-- 304 for weeks still gets re-read once a day, or the window would stop moving forward.
-- status: active, or needs_attention (401/403/404/410: a person must fix the URL or access).
CREATE TABLE sync_calendar_sources (
    id              BIGSERIAL PRIMARY KEY,
    user_id         BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name            TEXT        NOT NULL DEFAULT '',
    url             TEXT        NOT NULL,
    etag            TEXT,
    last_modified   TEXT,
    expanded_at     TIMESTAMPTZ,
    status          TEXT        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'needs_attention')),
    last_error      TEXT,
    last_synced_at  TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, url)
);

-- One occurrence of an event inside the sync window. recurrence_id is '' for a single event and
-- the occurrence's original start (RFC 5545 RECURRENCE-ID, as an ISO instant or date) for an
-- occurrence of a recurring one, so an exception replaces exactly the occurrence it overrides.
-- user_id is copied from the source so conflict detection needs no join.
CREATE TABLE sync_calendar_events (
    id              BIGSERIAL PRIMARY KEY,
    source_id       BIGINT      NOT NULL REFERENCES sync_calendar_sources (id) ON DELETE CASCADE,
    user_id         BIGINT      NOT NULL,
    uid             TEXT        NOT NULL,
    recurrence_id   TEXT        NOT NULL DEFAULT '',
    summary         TEXT        NOT NULL DEFAULT '',
    location        TEXT,
    starts_at       TIMESTAMPTZ NOT NULL,
    ends_at         TIMESTAMPTZ NOT NULL,
    all_day         BOOLEAN     NOT NULL DEFAULT FALSE,
    busy            BOOLEAN     NOT NULL DEFAULT TRUE,   -- TRANSP:TRANSPARENT events never conflict
    conflict        BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (source_id, uid, recurrence_id)
);
CREATE INDEX sync_calendar_events_user_time ON sync_calendar_events (user_id, starts_at);

-- A Notion integration. The token is a secret: never logged, never returned in a task result.
-- cursor is the newest last_edited_time seen by the last complete sync; the next sync reads
-- pages edited at or after it (Notion rounds edit times to the minute, so the boundary minute is
-- read again and the upsert makes that harmless).
CREATE TABLE sync_notion_sources (
    id              BIGSERIAL PRIMARY KEY,
    user_id         BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name            TEXT        NOT NULL DEFAULT '',
    token           TEXT        NOT NULL,
    cursor          TIMESTAMPTZ,
    status          TEXT        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'needs_attention')),
    last_error      TEXT,
    last_synced_at  TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, token)
);

CREATE TABLE sync_notion_pages (
    source_id       BIGINT      NOT NULL REFERENCES sync_notion_sources (id) ON DELETE CASCADE,
    page_id         TEXT        NOT NULL,
    user_id         BIGINT      NOT NULL,
    title           TEXT        NOT NULL DEFAULT '',
    url             TEXT,
    parent_type     TEXT,
    parent_id       TEXT,
    archived        BOOLEAN     NOT NULL DEFAULT FALSE,
    last_edited_at  TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source_id, page_id)
);
CREATE INDEX sync_notion_pages_user ON sync_notion_pages (user_id, last_edited_at DESC);
