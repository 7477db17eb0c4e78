package dev.kaiwa.webhook;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.shared.RandomIds;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The transactional steps of sending deliveries, each one short transaction, so no transaction is open while
 * a subscriber's endpoint is being called: claim due deliveries, record an attempt's outcome, forget old
 * finished deliveries.
 */
@Stateless
public class WebhookDeliveryService {
    /** How long a claim outlives the longest exchange it covers before another worker may take the delivery. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    @Inject
    WebhookRepository webhooks;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    SecretBox secrets;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "kaiwa.webhook.max-attempts", defaultValue = "10")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "kaiwa.webhook.initial-backoff", defaultValue = "PT10S")
    Duration initialBackoff;

    @Inject
    @ConfigProperty(name = "kaiwa.webhook.max-backoff", defaultValue = "PT1H")
    Duration maxBackoff;

    @Inject
    @ConfigProperty(name = "kaiwa.webhook.connect-timeout", defaultValue = "PT5S")
    Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "kaiwa.webhook.read-timeout", defaultValue = "PT10S")
    Duration readTimeout;

    /** Chooses within each backoff's jitter; a test may fix it. */
    DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    /** The retry schedule as configured; fails on a configuration that makes none. */
    public WebhookBackoff backoff() {
        return new WebhookBackoff(maxAttempts, initialBackoff, maxBackoff);
    }

    /** How long a claim holds: twice the longest exchange (connect and read timeouts) and a margin. */
    public Duration lease() {
        return connectTimeout.plus(readTimeout).multipliedBy(2).plus(LEASE_MARGIN);
    }

    /** Claims up to {@code limit} due deliveries for this worker, with what sending them takes. */
    public List<ClaimedDelivery> claimDue(int limit) {
        Instant now = clock.instant();
        String token = RandomIds.newId();
        List<WebhookDelivery> claimed = deliveries.claimDue(token, now, now.plus(lease()), limit);
        if (claimed.isEmpty()) {
            return List.of();
        }
        Map<String, Webhook> targets = webhooks.findAll(claimed.stream().map(WebhookDelivery::webhookId).distinct()
                .toList()).stream().collect(Collectors.toMap(Webhook::id, Function.identity()));
        return claimed.stream()
                .filter(delivery -> targets.containsKey(delivery.webhookId()))
                .map(delivery -> {
                    Webhook webhook = targets.get(delivery.webhookId());
                    return new ClaimedDelivery(delivery.id(), token, webhook.id(), webhook.url(), webhook.secret(secrets),
                            delivery.eventId(), delivery.eventType(), delivery.payload(), delivery.attempts() + 1);
                })
                .toList();
    }

    /**
     * Records the outcome of an attempt started at {@code attemptedAt}: the attempt goes into the log and the
     * delivery becomes DELIVERED, PENDING (with its next attempt) or FAILED. False, and nothing recorded, when
     * the claim is no longer this worker's (its lease ran out and another worker took over, or the
     * subscription was deleted).
     */
    public boolean recordOutcome(ClaimedDelivery claimed, Instant attemptedAt, DeliveryOutcome outcome) {
        requireNonNull(claimed, "claimed is null");
        requireNonNull(attemptedAt, "attemptedAt is null");
        requireNonNull(outcome, "outcome is null");
        WebhookDelivery delivery = deliveries.findForUpdate(claimed.deliveryId()).orElse(null);
        if (delivery == null || !delivery.isClaimedBy(claimed.claimToken())) {
            return false;
        }
        deliveries.addAttempt(new WebhookAttempt(delivery.id(), delivery.attempts() + 1, attemptedAt, outcome));
        delivery.attempted(outcome, attemptedAt, clock.instant(), backoff(), random.getAsDouble());
        return true;
    }

    /** Forgets up to {@code limit} delivered and failed deliveries older than {@code retention}; returns how many. */
    public int purgeFinished(Duration retention, int limit) {
        return deliveries.removeFinishedBefore(clock.instant().minus(retention), limit);
    }
}
