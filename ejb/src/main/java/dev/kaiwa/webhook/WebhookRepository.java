package dev.kaiwa.webhook;

import dev.kaiwa.shared.Cursor;
import java.util.List;
import java.util.Optional;

/** Organizations' webhook subscriptions. */
public interface WebhookRepository {
    void add(Webhook webhook);

    Optional<Webhook> find(String id);

    /** The organization's subscriptions, newest first, after the cursor. */
    List<Webhook> list(String organization, Optional<Cursor> after, int limit);

    /** The organization's active subscriptions (whatever events they name). */
    List<Webhook> active(String organization);

    /** The subscriptions with these ids. */
    List<Webhook> findAll(List<String> ids);

    /** Removes the subscription; its deliveries go first ({@link WebhookDeliveryRepository#removeOfWebhook}). */
    void remove(Webhook webhook);
}
