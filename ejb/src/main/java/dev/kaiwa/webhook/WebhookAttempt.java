package dev.kaiwa.webhook;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.shared.RandomIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** One try at sending a delivery, as the delivery log shows it. Never changed. */
@Entity
@Table(name = "kw_webhook_attempt")
public class WebhookAttempt {
    @Id
    private String id;

    @Column(name = "delivery_id", nullable = false, updatable = false)
    private String deliveryId;

    @Column(nullable = false, updatable = false)
    private int attempt;

    @Column(name = "attempted_at", nullable = false, updatable = false)
    private Instant attemptedAt;

    @Column(name = "duration_millis", nullable = false, updatable = false)
    private long durationMillis;

    @Column(name = "status_code", updatable = false)
    private Integer statusCode;

    @Column(updatable = false)
    private String error;

    protected WebhookAttempt() {
    }

    public WebhookAttempt(String deliveryId, int attempt, Instant attemptedAt, DeliveryOutcome outcome) {
        requireNonNull(outcome, "outcome is null");
        this.id = RandomIds.newId();
        this.deliveryId = requireNonNull(deliveryId, "deliveryId is null");
        this.attempt = attempt;
        this.attemptedAt = requireNonNull(attemptedAt, "attemptedAt is null");
        this.durationMillis = outcome.elapsed().toMillis();
        this.statusCode = outcome.statusCode();
        this.error = outcome.error();
    }

    public String id() {
        return id;
    }

    public String deliveryId() {
        return deliveryId;
    }

    /** 1 for the first attempt. */
    public int attempt() {
        return attempt;
    }

    public Instant attemptedAt() {
        return attemptedAt;
    }

    public long durationMillis() {
        return durationMillis;
    }

    public Optional<Integer> statusCode() {
        return Optional.ofNullable(statusCode);
    }

    public Optional<String> error() {
        return Optional.ofNullable(error);
    }
}
