package dev.kaiwa.webhook;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Map;

/**
 * A delivery a worker claimed, with what it needs to send it outside any transaction: where to, the secret
 * to sign with, the payload, which attempt this is, and the claim token that proves it still owns it.
 */
public record ClaimedDelivery(String deliveryId, String claimToken, String webhookId, URI url, String secret,
        String eventId, WebhookEventType type, String payload, int attempt) {
    public ClaimedDelivery {
        requireNonNull(deliveryId, "deliveryId is null");
        requireNonNull(claimToken, "claimToken is null");
        requireNonNull(webhookId, "webhookId is null");
        requireNonNull(url, "url is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(eventId, "eventId is null");
        requireNonNull(type, "type is null");
        requireNonNull(payload, "payload is null");
    }

    /** What every attempt sends as {@code User-Agent}. */
    public static final String USER_AGENT = "Kaiwa-Webhooks/1";

    /** The attempt's request, signed at {@code timestamp} (Unix seconds) over {@code timestamp + "." + payload}. */
    public WebhookRequest request(long timestamp) {
        return new WebhookRequest(url, payload, Map.of(
                "Content-Type", "application/json",
                "User-Agent", USER_AGENT,
                "Kaiwa-Webhook-Id", eventId,
                "Kaiwa-Webhook-Delivery", deliveryId,
                "Kaiwa-Webhook-Attempt", Integer.toString(attempt),
                "Kaiwa-Webhook-Event", type.wireName(),
                "Kaiwa-Webhook-Timestamp", Long.toString(timestamp),
                "Kaiwa-Webhook-Signature", WebhookSignature.sign(secret, timestamp, payload)));
    }
}
