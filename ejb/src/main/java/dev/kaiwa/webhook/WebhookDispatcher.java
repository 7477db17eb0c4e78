package dev.kaiwa.webhook;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The worker that sends deliveries: every {@code kaiwa.webhook.poll-interval} it claims due deliveries in
 * batches, sends each batch concurrently outside any transaction, and records every outcome. Claims are
 * database rows, so several servers (or a restarted one) share the work without sending a delivery twice at
 * once; a delivery whose worker died is due again when its claim's lease ends. Once an hour it forgets
 * finished deliveries older than {@code kaiwa.webhook.log-retention}.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    private static final int BATCH = 20;
    /** Bounds one run, so a large backlog does not hold the timer for long. */
    private static final int MAX_BATCHES_PER_RUN = 50;
    private static final int PURGE_BATCH = 500;
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    @Resource
    TimerService timerService;

    @Inject
    WebhookDeliveryService deliveries;

    @Inject
    WebhookTransport transport;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "kaiwa.webhook.poll-interval", defaultValue = "PT5S")
    Duration interval;

    @Inject
    @ConfigProperty(name = "kaiwa.webhook.log-retention", defaultValue = "P30D")
    Duration logRetention;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Instant nextPurge = Instant.MIN;

    @PostConstruct
    void schedule() {
        // A schedule that allows no attempt is a configuration error worth failing the start for.
        LOG.info(() -> "Webhook deliveries: " + deliveries.backoff() + ", claims held for " + deliveries.lease()
                + ", polled every " + interval);
        TimerConfig config = new TimerConfig("kaiwa-webhook-dispatcher", false);
        timerService.createIntervalTimer(interval.toMillis(), interval.toMillis(), config);
    }

    @Timeout
    void poll() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            dispatchDue();
            purgeIfDue();
        }
        catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sending webhook deliveries failed; the next run is in " + interval, e);
        }
        finally {
            running.set(false);
        }
    }

    /** Sends what is due now; returns how many attempts were made. Exposed so tests need not wait for the timer. */
    public int dispatchDue() {
        int attempts = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            List<ClaimedDelivery> claimed = deliveries.claimDue(BATCH);
            attempts += send(claimed);
            if (claimed.size() < BATCH) {
                break;
            }
        }
        return attempts;
    }

    private int send(List<ClaimedDelivery> claimed) {
        if (claimed.isEmpty()) {
            return 0;
        }
        Instant attemptedAt = clock.instant();
        long timestamp = attemptedAt.getEpochSecond();
        // The transport bounds each exchange by its timeouts; this only guards against one that does not.
        long guardMillis = deliveries.lease().dividedBy(2).toMillis();
        List<CompletableFuture<DeliveryOutcome>> outcomes = new ArrayList<>(claimed.size());
        for (ClaimedDelivery delivery : claimed) {
            outcomes.add(start(delivery, timestamp).completeOnTimeout(
                    DeliveryOutcome.failed("no answer within " + guardMillis + " ms", Duration.ofMillis(guardMillis)),
                    guardMillis, TimeUnit.MILLISECONDS));
        }
        for (int i = 0; i < claimed.size(); i++) {
            ClaimedDelivery delivery = claimed.get(i);
            try {
                DeliveryOutcome outcome = outcomes.get(i).join();
                if (!deliveries.recordOutcome(delivery, attemptedAt, outcome)) {
                    LOG.fine(() -> "Delivery " + delivery.deliveryId() + " was taken over or removed while it was sent");
                }
            }
            catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Recording the attempt of webhook delivery " + delivery.deliveryId()
                        + " failed; it is sent again when its claim ends", e);
            }
        }
        return claimed.size();
    }

    private CompletableFuture<DeliveryOutcome> start(ClaimedDelivery delivery, long timestamp) {
        try {
            return transport.send(delivery.request(timestamp));
        }
        catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The webhook transport refused delivery " + delivery.deliveryId(), e);
            return CompletableFuture.completedFuture(DeliveryOutcome.failed("not sent: " + e, Duration.ZERO));
        }
    }

    private void purgeIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY);
        int removed;
        int total = 0;
        do {
            removed = deliveries.purgeFinished(logRetention, PURGE_BATCH);
            total += removed;
        }
        while (removed == PURGE_BATCH);
        if (total > 0) {
            int count = total;
            LOG.info(() -> "Forgot " + count + " finished webhook deliveries older than " + logRetention);
        }
    }
}
