package dev.kaiwa.webhook;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.shared.RandomIds;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where features report events for webhooks. Publishing writes one delivery per active subscription of the
 * organization that names the event, in the caller's transaction (it refuses to run without one): the
 * deliveries exist exactly when the change they report commits, and {@link WebhookDispatcher} sends them
 * afterwards.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class WebhookEvents {
    @Inject
    WebhookRepository webhooks;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    Clock clock;

    /**
     * Publishes an event of {@code organizationId}; {@code data} becomes the payload's {@code data} object (see
     * {@link WebhookPayload} for the values it may hold). Returns the event's id, the {@code id} of the payload.
     */
    public String publish(String organizationId, WebhookEventType type, Map<String, ?> data) {
        requireNonNull(organizationId, "organizationId is null");
        requireNonNull(type, "type is null");
        requireNonNull(data, "data is null");
        Instant now = clock.instant();
        String eventId = RandomIds.newId();
        String payload = WebhookPayload.body(eventId, type, now, organizationId, data);
        List<Webhook> receivers = webhooks.active(organizationId).stream().filter(webhook -> webhook.receives(type))
                .toList();
        for (Webhook webhook : receivers) {
            deliveries.add(new WebhookDelivery(webhook, eventId, type, now, payload, now));
        }
        return eventId;
    }
}
