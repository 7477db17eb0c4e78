package dev.kaiwa.webhook;

import dev.kaiwa.shared.Cursor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The outbox of deliveries and the log of their attempts. */
public interface WebhookDeliveryRepository {
    void add(WebhookDelivery delivery);

    Optional<WebhookDelivery> find(String id);

    /** The delivery, locked against concurrent change until the transaction ends. */
    Optional<WebhookDelivery> findForUpdate(String id);

    /** A subscription's deliveries, newest first, optionally of one status, after the cursor. */
    List<WebhookDelivery> list(String webhookId, Optional<DeliveryStatus> status, Optional<Cursor> after, int limit);

    void addAttempt(WebhookAttempt attempt);

    /** A delivery's attempts, first first. */
    List<WebhookAttempt> attempts(String deliveryId);

    /**
     * Claims up to {@code limit} deliveries due at {@code now} for active subscriptions, oldest due first: they
     * become SENDING under {@code token} and are not due again before {@code leaseEnd}. A delivery another
     * worker claims at the same time goes to one of them only. Returns the deliveries claimed. Run it in a
     * transaction of its own: it changes rows behind the persistence context's back.
     */
    List<WebhookDelivery> claimDue(String token, Instant now, Instant leaseEnd, int limit);

    /** Removes up to {@code limit} DELIVERED and FAILED deliveries created before {@code cutoff}, with their attempts. */
    int removeFinishedBefore(Instant cutoff, int limit);

    /** Removes every delivery of the subscription, with their attempts. */
    void removeOfWebhook(String webhookId);
}
