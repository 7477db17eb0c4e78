-- The consent ledger, recordings and their uploaded chunks.
-- Valid on H2 2.x and PostgreSQL 13+. Times are UTC instants.

-- Why a participant in status WAITING waits: ADMISSION (the waiting room) or CONSENT (the consent step).
ALTER TABLE kw_participant ADD COLUMN waiting_reason VARCHAR(20);

-- Append-only: every grant and withdrawal is a new row; the latest row per participant and purpose is current.
-- Holds ids, never copies of personal data; the notice text is Kaiwa's, not the person's.
CREATE TABLE kw_consent (
    id              VARCHAR(32)              NOT NULL PRIMARY KEY,
    call_id         VARCHAR(32)              NOT NULL REFERENCES kw_call (id),
    participant_id  VARCHAR(32)              NOT NULL REFERENCES kw_participant (id),
    subject         VARCHAR(255),
    purpose         VARCHAR(20)              NOT NULL,
    granted         BOOLEAN                  NOT NULL,
    notice_version  VARCHAR(40)              NOT NULL,
    notice_language VARCHAR(5)               NOT NULL,
    notice_text     VARCHAR(4000)            NOT NULL,
    channel         VARCHAR(20)              NOT NULL,
    client_info     VARCHAR(300),
    decided_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    seq             BIGINT                   NOT NULL
);

CREATE INDEX ix_consent_call ON kw_consent (call_id, seq);
CREATE UNIQUE INDEX uq_consent_participant_seq ON kw_consent (participant_id, purpose, seq);
CREATE INDEX ix_consent_subject ON kw_consent (subject);

CREATE TABLE kw_recording (
    id                VARCHAR(32)              NOT NULL PRIMARY KEY,
    call_id           VARCHAR(32)              NOT NULL REFERENCES kw_call (id),
    organization      VARCHAR(100)             NOT NULL,
    participant_id    VARCHAR(32)              REFERENCES kw_participant (id),
    recorder_id       VARCHAR(32)              NOT NULL REFERENCES kw_participant (id),
    kind              VARCHAR(20)              NOT NULL,
    format            VARCHAR(10)              NOT NULL,
    quality           VARCHAR(10)              NOT NULL,
    audio_only        BOOLEAN                  NOT NULL,
    status            VARCHAR(20)              NOT NULL,
    requested_by      VARCHAR(300)             NOT NULL,
    requested_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE,
    stopped_at        TIMESTAMP WITH TIME ZONE,
    stop_reason       VARCHAR(40),
    completed_at      TIMESTAMP WITH TIME ZONE,
    ready_at          TIMESTAMP WITH TIME ZONE,
    failed_at         TIMESTAMP WITH TIME ZONE,
    failure_reason    VARCHAR(200),
    chunk_count       INTEGER                  NOT NULL DEFAULT 0,
    uploaded_bytes    BIGINT                   NOT NULL DEFAULT 0,
    size_bytes        BIGINT,
    duration_millis   BIGINT,
    checksum_sha256   VARCHAR(64),
    storage_key       VARCHAR(200),
    expires_at        TIMESTAMP WITH TIME ZONE,
    expired_at        TIMESTAMP WITH TIME ZONE,
    legal_hold        BOOLEAN                  NOT NULL DEFAULT FALSE,
    legal_hold_reason VARCHAR(500),
    legal_hold_by     VARCHAR(300),
    legal_hold_at     TIMESTAMP WITH TIME ZONE,
    deleted_at        TIMESTAMP WITH TIME ZONE,
    deleted_reason    VARCHAR(20),
    version           BIGINT                   NOT NULL DEFAULT 0
);

CREATE INDEX ix_recording_call ON kw_recording (call_id, requested_at, id);
CREATE INDEX ix_recording_org_status ON kw_recording (organization, status);
CREATE INDEX ix_recording_status_expiry ON kw_recording (status, expires_at);
CREATE INDEX ix_recording_participant ON kw_recording (participant_id);

-- The chunks a recorder uploaded; the blobs live in the encrypted store under the recording's id.
CREATE TABLE kw_recording_chunk (
    recording_id VARCHAR(32)              NOT NULL REFERENCES kw_recording (id),
    seq          INTEGER                  NOT NULL,
    size_bytes   BIGINT                   NOT NULL,
    sha256       VARCHAR(64)              NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (recording_id, seq)
);
