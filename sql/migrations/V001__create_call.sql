-- Calls, their participants, invites, signaling tickets and the call event log.
-- Valid on H2 2.x and PostgreSQL 13+. Times are UTC instants.

CREATE TABLE kw_call (
    id                     VARCHAR(32)              NOT NULL PRIMARY KEY,
    title                  VARCHAR(200)             NOT NULL,
    call_type              VARCHAR(20)              NOT NULL,
    status                 VARCHAR(20)              NOT NULL,
    organization           VARCHAR(100)             NOT NULL,
    created_by             VARCHAR(255)             NOT NULL,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    scheduled_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at             TIMESTAMP WITH TIME ZONE,
    paused_at              TIMESTAMP WITH TIME ZONE,
    paused_millis          BIGINT                   NOT NULL DEFAULT 0,
    ended_at               TIMESTAMP WITH TIME ZONE,
    max_participants       INTEGER                  NOT NULL,
    recording_policy       VARCHAR(10)              NOT NULL,
    transcription_enabled  BOOLEAN                  NOT NULL,
    transcription_language VARCHAR(5)               NOT NULL,
    screen_share           BOOLEAN                  NOT NULL,
    waiting_room           BOOLEAN                  NOT NULL,
    external_ref           VARCHAR(200),
    metadata               VARCHAR(4000),
    retention_days         INTEGER,
    idempotency_key        VARCHAR(200),
    version                BIGINT                   NOT NULL DEFAULT 0,
    CONSTRAINT uq_call_idempotency UNIQUE (created_by, idempotency_key)
);

CREATE INDEX ix_call_org_created ON kw_call (organization, created_at, id);
CREATE INDEX ix_call_status_scheduled ON kw_call (status, scheduled_at);
CREATE INDEX ix_call_external_ref ON kw_call (external_ref);

CREATE TABLE kw_invite (
    id             VARCHAR(32)              NOT NULL PRIMARY KEY,
    call_id        VARCHAR(32)              NOT NULL REFERENCES kw_call (id),
    display_name   VARCHAR(200)             NOT NULL,
    email          VARCHAR(320),
    role           VARCHAR(20)              NOT NULL,
    single_use     BOOLEAN                  NOT NULL,
    created_by     VARCHAR(255)             NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at     TIMESTAMP WITH TIME ZONE,
    revoked_reason VARCHAR(40),
    version        BIGINT                   NOT NULL DEFAULT 0
);

CREATE INDEX ix_invite_call ON kw_invite (call_id, created_at);

CREATE TABLE kw_participant (
    id            VARCHAR(32)              NOT NULL PRIMARY KEY,
    call_id       VARCHAR(32)              NOT NULL REFERENCES kw_call (id),
    subject       VARCHAR(255),
    invite_id     VARCHAR(32)              REFERENCES kw_invite (id),
    display_name  VARCHAR(200)             NOT NULL,
    email         VARCHAR(320),
    role          VARCHAR(20)              NOT NULL,
    status        VARCHAR(20)              NOT NULL,
    audio         BOOLEAN                  NOT NULL DEFAULT TRUE,
    video         BOOLEAN                  NOT NULL DEFAULT TRUE,
    screen        BOOLEAN                  NOT NULL DEFAULT FALSE,
    hand          BOOLEAN                  NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    joined_at     TIMESTAMP WITH TIME ZONE,
    left_at       TIMESTAMP WITH TIME ZONE,
    last_seen_at  TIMESTAMP WITH TIME ZONE,
    version       BIGINT                   NOT NULL DEFAULT 0
);

CREATE INDEX ix_participant_call ON kw_participant (call_id, status);
CREATE INDEX ix_participant_subject ON kw_participant (subject);
CREATE INDEX ix_participant_invite ON kw_participant (invite_id);

CREATE TABLE kw_signaling_ticket (
    id              VARCHAR(64)              NOT NULL PRIMARY KEY,
    call_id         VARCHAR(32)              NOT NULL REFERENCES kw_call (id),
    participant_id  VARCHAR(32)              NOT NULL REFERENCES kw_participant (id),
    issued_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at         TIMESTAMP WITH TIME ZONE,
    revoked_at      TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_ticket_expiry ON kw_signaling_ticket (expires_at);
CREATE INDEX ix_ticket_call ON kw_signaling_ticket (call_id);

CREATE TABLE kw_call_event (
    id              VARCHAR(32)              NOT NULL PRIMARY KEY,
    call_id         VARCHAR(32)              NOT NULL REFERENCES kw_call (id),
    event_type      VARCHAR(40)              NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    actor           VARCHAR(255),
    participant_id  VARCHAR(32),
    detail          VARCHAR(1000)
);

CREATE INDEX ix_call_event_call ON kw_call_event (call_id, occurred_at, id);
