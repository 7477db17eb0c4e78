/**
 * Small secrets encrypted at rest with Google Tink's AEAD: the webhook signing secrets, behind
 * {@link dev.kaiwa.webhook.SecretBox}.
 */
package dev.kaiwa.adapter.crypto;
