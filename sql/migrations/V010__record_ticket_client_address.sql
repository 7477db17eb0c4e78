-- The address a join ticket was requested from (the REST client, or the one named by trusted proxies): a
-- signaling socket's actions are audited with it, since a WebSocket handshake does not tell the application the
-- peer's address. Valid on H2 2.x and PostgreSQL 13+.

ALTER TABLE kw_signaling_ticket ADD COLUMN client_address VARCHAR(64);
