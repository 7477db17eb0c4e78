/**
 * Data-subject rights: what Kaiwa holds about one person within one organization, exported (access) or
 * erased. The person is named by SSO subject or by e-mail address; only admins of the organization ask,
 * and nothing of another organization is ever read or changed. Reads the other features' rows through
 * {@link dev.kaiwa.privacy.PrivacyRepository}; recordings' media is deleted through the storage port after
 * the erasure has committed. Must not import JAX-RS or WebSocket types.
 */
package dev.kaiwa.privacy;
