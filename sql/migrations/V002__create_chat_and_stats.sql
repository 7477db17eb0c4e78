-- Chat messages and templates, and the latest network figures per participant.

CREATE TABLE kw_chat_message (
    id              VARCHAR(32)              NOT NULL PRIMARY KEY,
    call_id         VARCHAR(32)              NOT NULL REFERENCES kw_call (id),
    participant_id  VARCHAR(32)              NOT NULL REFERENCES kw_participant (id),
    display_name    VARCHAR(200)             NOT NULL,
    text            VARCHAR(2000)            NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_chat_message_call ON kw_chat_message (call_id, sent_at, id);

CREATE TABLE kw_chat_template (
    id              VARCHAR(32)              NOT NULL PRIMARY KEY,
    owner           VARCHAR(255)             NOT NULL,
    organization    VARCHAR(100)             NOT NULL,
    title           VARCHAR(100)             NOT NULL,
    text            VARCHAR(2000)            NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT                   NOT NULL DEFAULT 0
);

CREATE INDEX ix_chat_template_owner ON kw_chat_template (owner, created_at);

ALTER TABLE kw_participant ADD COLUMN stats_rtt_ms DOUBLE PRECISION;
ALTER TABLE kw_participant ADD COLUMN stats_jitter_ms DOUBLE PRECISION;
ALTER TABLE kw_participant ADD COLUMN stats_packet_loss DOUBLE PRECISION;
ALTER TABLE kw_participant ADD COLUMN stats_bitrate DOUBLE PRECISION;
ALTER TABLE kw_participant ADD COLUMN stats_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE kw_participant ADD COLUMN quality_degraded BOOLEAN NOT NULL DEFAULT FALSE;

-- The organization of an SSO participant (null for guests), for the waiting-room bypass.
ALTER TABLE kw_participant ADD COLUMN organization VARCHAR(100);
