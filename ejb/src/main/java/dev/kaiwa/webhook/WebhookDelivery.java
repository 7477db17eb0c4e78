package dev.kaiwa.webhook;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.shared.RandomIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * One event on its way to one subscription: the outbox row written with the change it reports, then its
 * attempts' summary. The payload is fixed when the event is published; each attempt signs it afresh.
 */
@Entity
@Table(name = "kw_webhook_delivery")
public class WebhookDelivery {
    @Id
    private String id;

    @Column(name = "webhook_id", nullable = false, updatable = false)
    private String webhookId;

    @Column(nullable = false, updatable = false)
    private String organization;

    @Column(name = "event_id", nullable = false, updatable = false)
    private String eventId;

    /** The wire name, e.g. {@code call.started}. */
    @Column(name = "event_type", nullable = false, updatable = false)
    private String eventType;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(nullable = false, updatable = false)
    private String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeliveryStatus status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "claim_token")
    private String claimToken;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "last_status_code")
    private Integer lastStatusCode;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected WebhookDelivery() {
    }

    /** A delivery due at once. */
    public WebhookDelivery(Webhook webhook, String eventId, WebhookEventType type, Instant occurredAt, String payload,
            Instant now) {
        requireNonNull(webhook, "webhook is null");
        this.id = RandomIds.newId();
        this.webhookId = webhook.id();
        this.organization = webhook.organization();
        this.eventId = requireNonNull(eventId, "eventId is null");
        this.eventType = requireNonNull(type, "type is null").wireName();
        this.occurredAt = requireNonNull(occurredAt, "occurredAt is null");
        this.payload = requireNonNull(payload, "payload is null");
        this.status = DeliveryStatus.PENDING;
        this.nextAttemptAt = requireNonNull(now, "now is null");
        this.createdAt = now;
    }

    /**
     * Records an attempt made under {@code claimToken}: DELIVERED on a 2xx answer, else PENDING until the
     * backoff's next attempt, or FAILED when the attempts are used up.
     */
    public void attempted(DeliveryOutcome outcome, Instant attemptedAt, Instant now, WebhookBackoff backoff,
            double random) {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(attemptedAt, "attemptedAt is null");
        requireNonNull(now, "now is null");
        requireNonNull(backoff, "backoff is null");
        if (!status.isOpen()) {
            throw new IllegalStateException("delivery " + id + " is " + status + " and takes no more attempts");
        }
        attempts++;
        lastAttemptAt = attemptedAt;
        lastStatusCode = outcome.statusCode();
        lastError = outcome.error();
        claimToken = null;
        if (outcome.delivered()) {
            status = DeliveryStatus.DELIVERED;
            deliveredAt = now;
            nextAttemptAt = null;
            return;
        }
        Optional<Instant> next = backoff.nextAttempt(now, attempts, random);
        status = next.isPresent() ? DeliveryStatus.PENDING : DeliveryStatus.FAILED;
        nextAttemptAt = next.orElse(null);
    }

    /** Whether the worker holding {@code token} still owns this delivery (its claim was not taken over). */
    public boolean isClaimedBy(String token) {
        return status == DeliveryStatus.SENDING && token != null && token.equals(claimToken);
    }

    public String id() {
        return id;
    }

    public String webhookId() {
        return webhookId;
    }

    public String organization() {
        return organization;
    }

    public String eventId() {
        return eventId;
    }

    public WebhookEventType eventType() {
        return WebhookEventType.fromWireName(eventType)
                .orElseThrow(() -> new IllegalStateException("delivery " + id + " has an unknown event type " + eventType));
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String payload() {
        return payload;
    }

    public DeliveryStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    /** When the next attempt is due, while the delivery waits for one (PENDING). */
    public Optional<Instant> nextAttemptAt() {
        return status == DeliveryStatus.PENDING ? Optional.ofNullable(nextAttemptAt) : Optional.empty();
    }

    public Optional<Instant> lastAttemptAt() {
        return Optional.ofNullable(lastAttemptAt);
    }

    public Optional<Integer> lastStatusCode() {
        return Optional.ofNullable(lastStatusCode);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Optional<Instant> deliveredAt() {
        return Optional.ofNullable(deliveredAt);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
