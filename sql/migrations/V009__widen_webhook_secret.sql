-- Webhook secrets are stored sealed (AEAD ciphertext in URL-safe base64 with a version prefix) instead of in
-- plain text: a 200-character secret takes about 320 characters sealed. Secrets stored in plain text by
-- earlier versions are sealed the first time the server reads them.
-- Valid on H2 2.x and PostgreSQL 13+.

ALTER TABLE kw_webhook ALTER COLUMN secret SET DATA TYPE VARCHAR(512);
