package dev.kaiwa.webhook;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A delivery with every attempt made so far, first first. */
public record WebhookDeliveryDetail(WebhookDelivery delivery, List<WebhookAttempt> attempts) {
    public WebhookDeliveryDetail {
        requireNonNull(delivery, "delivery is null");
        attempts = List.copyOf(attempts);
    }
}
