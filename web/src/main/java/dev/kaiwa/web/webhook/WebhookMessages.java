package dev.kaiwa.web.webhook;

import dev.kaiwa.webhook.Webhook;
import dev.kaiwa.webhook.WebhookAttempt;
import dev.kaiwa.webhook.WebhookDelivery;
import dev.kaiwa.webhook.WebhookDeliveryDetail;
import dev.kaiwa.webhook.WebhookEventType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/** The JSON bodies of the webhook API. */
public final class WebhookMessages {
    private WebhookMessages() {
    }

    /**
     * Create (POST), replace (PUT) and change (PATCH). {@code secret} only on create; without it Kaiwa
     * generates one.
     */
    public record WebhookRequest(String url, List<String> events, String description, Boolean active, String secret) {
    }

    /** Rotate-secret: an admin's own new secret, or none for a generated one. */
    public record SecretRequest(String secret) {
    }

    /** A subscription; the secret is never shown again after it was set. */
    public record WebhookResponse(String id, String url, List<String> events, String description, boolean active,
            String createdBy, Instant createdAt, Instant updatedAt) {
        static WebhookResponse of(Webhook webhook) {
            return new WebhookResponse(webhook.id(), webhook.url().toString(),
                    webhook.events().stream().map(WebhookEventType::wireName).toList(),
                    webhook.description().orElse(null), webhook.active(), webhook.createdBy(), webhook.createdAt(),
                    webhook.updatedAt());
        }
    }

    /** A subscription with its secret: the answer of create and rotate-secret only. */
    public record WebhookWithSecret(String id, String url, List<String> events, String description, boolean active,
            String createdBy, Instant createdAt, Instant updatedAt, String secret) {
        static WebhookWithSecret of(Webhook webhook) {
            WebhookResponse view = WebhookResponse.of(webhook);
            return new WebhookWithSecret(view.id(), view.url(), view.events(), view.description(), view.active(),
                    view.createdBy(), view.createdAt(), view.updatedAt(), webhook.shownSecret().orElseThrow());
        }
    }

    /** A page of subscriptions. */
    public record WebhookPage(List<WebhookResponse> items, String nextCursor) {
    }

    /** One delivery in the log. */
    public record DeliveryResponse(String id, String eventId, String type, Instant occurredAt, String status,
            int attempts, Instant lastAttemptAt, Integer lastStatusCode, String lastError, Instant nextAttemptAt,
            Instant deliveredAt, Instant createdAt) {
        static DeliveryResponse of(WebhookDelivery delivery) {
            return new DeliveryResponse(delivery.id(), delivery.eventId(), delivery.eventType().wireName(),
                    delivery.occurredAt(), delivery.status().name(), delivery.attempts(),
                    delivery.lastAttemptAt().orElse(null), delivery.lastStatusCode().orElse(null),
                    delivery.lastError().orElse(null), delivery.nextAttemptAt().orElse(null),
                    delivery.deliveredAt().orElse(null), delivery.createdAt());
        }
    }

    /** A page of the delivery log. */
    public record DeliveryPage(List<DeliveryResponse> items, String nextCursor) {
    }

    /** One attempt of a delivery. */
    public record AttemptResponse(int attempt, Instant attemptedAt, long durationMillis, Integer statusCode,
            String error) {
        static AttemptResponse of(WebhookAttempt attempt) {
            return new AttemptResponse(attempt.attempt(), attempt.attemptedAt(), attempt.durationMillis(),
                    attempt.statusCode().orElse(null), attempt.error().orElse(null));
        }
    }

    /** A delivery with the body it sends and every attempt. */
    public record DeliveryDetailResponse(String id, String eventId, String type, Instant occurredAt, String status,
            int attempts, Instant lastAttemptAt, Integer lastStatusCode, String lastError, Instant nextAttemptAt,
            Instant deliveredAt, Instant createdAt, JsonObject payload, List<AttemptResponse> attemptLog) {
        static DeliveryDetailResponse of(WebhookDeliveryDetail detail) {
            DeliveryResponse view = DeliveryResponse.of(detail.delivery());
            JsonObject payload = Json.createReader(new StringReader(detail.delivery().payload())).readObject();
            return new DeliveryDetailResponse(view.id(), view.eventId(), view.type(), view.occurredAt(), view.status(),
                    view.attempts(), view.lastAttemptAt(), view.lastStatusCode(), view.lastError(), view.nextAttemptAt(),
                    view.deliveredAt(), view.createdAt(), payload,
                    detail.attempts().stream().map(AttemptResponse::of).toList());
        }
    }
}
