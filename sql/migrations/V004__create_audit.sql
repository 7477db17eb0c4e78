-- The tamper-evident audit trail: append-only entries chained by SHA-256, and the chain's head.
-- Valid on H2 2.x and PostgreSQL 13+. Times are UTC instants.

-- One row per audited action, numbered from 1 without gaps. previous_hash is the entry_hash of the row
-- numbered one less (64 zeros for the first); entry_hash is the SHA-256 of the row's canonical content,
-- which includes seq and previous_hash, so a changed, removed or moved row breaks the chain. Ids only,
-- never names or e-mail addresses; client_address is the network address the request came from.
-- organization is empty only for what Kaiwa does across organizations (e.g. a purge run).
CREATE TABLE kw_audit_entry (
    seq            BIGINT                   NOT NULL PRIMARY KEY,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    organization   VARCHAR(100),
    actor_type     VARCHAR(20)              NOT NULL,
    actor_id       VARCHAR(255),
    actor_role     VARCHAR(200),
    action         VARCHAR(50)              NOT NULL,
    resource_type  VARCHAR(40)              NOT NULL,
    resource_id    VARCHAR(255),
    client_address VARCHAR(45),
    details        VARCHAR(8000)            NOT NULL,
    previous_hash  VARCHAR(64)              NOT NULL,
    entry_hash     VARCHAR(64)              NOT NULL
);

-- Auditors list their organization's entries newest first, by action, resource, actor or time.
CREATE INDEX ix_audit_org_seq ON kw_audit_entry (organization, seq);
CREATE INDEX ix_audit_org_action ON kw_audit_entry (organization, action, seq);
CREATE INDEX ix_audit_org_resource ON kw_audit_entry (organization, resource_type, resource_id, seq);
CREATE INDEX ix_audit_org_actor ON kw_audit_entry (organization, actor_id, seq);
CREATE INDEX ix_audit_org_time ON kw_audit_entry (organization, occurred_at);

-- The head of the chain: the number and hash of the latest entry, in exactly one row. Every writer locks
-- it (SELECT ... FOR UPDATE), so entries are numbered and linked one transaction at a time.
CREATE TABLE kw_audit_head (
    id         INTEGER     NOT NULL PRIMARY KEY,
    seq        BIGINT      NOT NULL,
    entry_hash VARCHAR(64) NOT NULL,
    CONSTRAINT ck_audit_head_single_row CHECK (id = 1)
);

INSERT INTO kw_audit_head (id, seq, entry_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
