/**
 * Webhooks: an organization's admins subscribe HTTPS endpoints to events (a call started or ended, a
 * recording is ready, consent was withdrawn, ...). Features report an event with {@link
 * dev.kaiwa.webhook.WebhookEvents#publish} inside the transaction of the change, which writes one delivery
 * row per matching subscription (an outbox), so nothing is announced that did not commit. {@link
 * dev.kaiwa.webhook.WebhookDispatcher} claims due deliveries, signs them with the subscription's secret and
 * sends them through the {@link dev.kaiwa.webhook.WebhookTransport} port, retrying with exponential backoff.
 * Imports nothing of the web module and no HTTP client: that lives in {@code dev.kaiwa.adapter.http}.
 */
package dev.kaiwa.webhook;
