-- Webhook subscriptions of organizations, the outbox of deliveries, and every attempt to send one.
-- Valid on H2 2.x and PostgreSQL 13+. Times are UTC instants.

CREATE TABLE kw_webhook (
    id           VARCHAR(32)              NOT NULL PRIMARY KEY,
    organization VARCHAR(100)             NOT NULL,
    url          VARCHAR(2000)            NOT NULL,
    description  VARCHAR(500),
    -- Comma-separated event type names, e.g. "call.started,call.ended".
    events       VARCHAR(500)             NOT NULL,
    -- The HMAC key deliveries are signed with; shown to the organization's admins once.
    secret       VARCHAR(200)             NOT NULL,
    active       BOOLEAN                  NOT NULL,
    created_by   VARCHAR(255)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    version      BIGINT                   NOT NULL DEFAULT 0
);

CREATE INDEX ix_webhook_org ON kw_webhook (organization, created_at, id);

-- One row per event and subscription, written in the transaction of the change it reports (an outbox).
-- A worker claims due rows by moving next_attempt_at past its lease and setting claim_token, so two workers
-- never send the same row at once and a worker that dies leaves the row due again when its lease ends.
CREATE TABLE kw_webhook_delivery (
    id               VARCHAR(32)              NOT NULL PRIMARY KEY,
    webhook_id       VARCHAR(32)              NOT NULL REFERENCES kw_webhook (id),
    organization     VARCHAR(100)             NOT NULL,
    event_id         VARCHAR(32)              NOT NULL,
    event_type       VARCHAR(40)              NOT NULL,
    occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    payload          VARCHAR(16000)           NOT NULL,
    status           VARCHAR(20)              NOT NULL,
    attempts         INTEGER                  NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    claim_token      VARCHAR(32),
    last_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_status_code INTEGER,
    last_error       VARCHAR(500),
    delivered_at     TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    version          BIGINT                   NOT NULL DEFAULT 0
);

CREATE INDEX ix_webhook_delivery_due ON kw_webhook_delivery (status, next_attempt_at);
CREATE INDEX ix_webhook_delivery_webhook ON kw_webhook_delivery (webhook_id, created_at, id);
CREATE INDEX ix_webhook_delivery_event ON kw_webhook_delivery (event_id);

CREATE TABLE kw_webhook_attempt (
    id              VARCHAR(32)              NOT NULL PRIMARY KEY,
    delivery_id     VARCHAR(32)              NOT NULL REFERENCES kw_webhook_delivery (id),
    attempt         INTEGER                  NOT NULL,
    attempted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_millis BIGINT                   NOT NULL,
    status_code     INTEGER,
    error           VARCHAR(500),
    CONSTRAINT uq_webhook_attempt UNIQUE (delivery_id, attempt)
);
