package dev.kaiwa.webhook;

import java.util.concurrent.CompletableFuture;

/**
 * The port deliveries leave through: POSTs a signed request to a subscriber's endpoint. Implementations
 * bound every exchange by their timeouts and never fail the future: a refused connection, a timeout or
 * any other error is a {@link DeliveryOutcome#failed failed} outcome.
 */
public interface WebhookTransport {
    CompletableFuture<DeliveryOutcome> send(WebhookRequest request);
}
