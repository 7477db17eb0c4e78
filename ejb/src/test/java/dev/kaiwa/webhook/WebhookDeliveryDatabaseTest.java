package dev.kaiwa.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.FakeClock;
import dev.kaiwa.shared.TestDatabase;
import dev.kaiwa.shared.TestDatabase.TestTransaction;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Claiming and recording deliveries on a real database, each step in a transaction of its own as the worker
 * runs them: due deliveries are claimed once, held for a lease, retried with backoff, and never go to two
 * workers at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDeliveryDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-04-01T09:00:00.000001Z");
    private static final Caller ADMIN = new Caller("carol", "acme", Set.of(Caller.ADMIN), "Carol", null);
    private static final String URL = "https://hr.acme.example/hooks/kaiwa";
    private static final Duration TOOK = Duration.ofMillis(25);

    private TestDatabase database;
    private FakeClock clock;

    @BeforeAll
    void createDatabase() {
        database = TestDatabase.create();
        database.migrate();
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void emptyOutbox() {
        clock = new FakeClock(T0);
        try (TestTransaction transaction = database.beginTransaction()) {
            EntityManager entityManager = transaction.entityManager();
            entityManager.createQuery("DELETE FROM WebhookAttempt a").executeUpdate();
            entityManager.createQuery("DELETE FROM WebhookDelivery d").executeUpdate();
            entityManager.createQuery("DELETE FROM Webhook w").executeUpdate();
            entityManager.getTransaction().commit();
        }
    }

    @Test
    void dueDeliveriesAreClaimedOldestFirstUpToTheLimit() {
        Webhook webhook = subscribe(List.of("call.started"));
        String first = publish();
        clock.advance(Duration.ofSeconds(1));
        String second = publish();
        clock.advance(Duration.ofSeconds(1));
        publish();

        List<ClaimedDelivery> claimed = inTransaction(services -> services.deliveryService().claimDue(2));

        assertThat(claimed).extracting(ClaimedDelivery::eventId).containsExactly(first, second);
        assertThat(claimed).allSatisfy(delivery -> {
            assertThat(delivery.webhookId()).isEqualTo(webhook.id());
            assertThat(delivery.url()).isEqualTo(URI.create(URL));
            assertThat(delivery.secret()).isEqualTo(webhook.shownSecret().orElseThrow());
            assertThat(delivery.type()).isEqualTo(WebhookEventType.CALL_STARTED);
            assertThat(delivery.attempt()).isEqualTo(1);
            assertThat(delivery.payload()).contains(delivery.eventId());
        });
        assertThat(claimed.get(0).claimToken()).isEqualTo(claimed.get(1).claimToken());
        assertThat(statuses(webhook)).containsExactly(DeliveryStatus.PENDING, DeliveryStatus.SENDING,
                DeliveryStatus.SENDING);
    }

    @Test
    void claimedDeliveryIsNotClaimedAgainUntilItsLeaseEnds() {
        subscribe(List.of("call.started"));
        publish();
        ClaimedDelivery first = claimOne();

        List<ClaimedDelivery> whileHeld = claimAll();
        clock.advance(TestingWebhookServices.LEASE.minusMillis(1));
        List<ClaimedDelivery> justBeforeTheEnd = claimAll();
        clock.advance(Duration.ofMillis(1));
        ClaimedDelivery takenOver = claimOne();

        assertThat(whileHeld).isEmpty();
        assertThat(justBeforeTheEnd).isEmpty();
        assertThat(takenOver.deliveryId()).isEqualTo(first.deliveryId());
        assertThat(takenOver.claimToken()).isNotEqualTo(first.claimToken());
        assertThat(takenOver.attempt()).isEqualTo(1);
        assertThat(record(first, DeliveryOutcome.answered(200, TOOK))).as("the first worker's late outcome").isFalse();
        assertThat(record(takenOver, DeliveryOutcome.answered(200, TOOK))).isTrue();
        assertThat(delivery(first.deliveryId()).attempts()).isEqualTo(1);
    }

    @Test
    void successfulAttemptDeliversAndIsLogged() {
        Webhook webhook = subscribe(List.of("call.started"));
        publish();
        ClaimedDelivery claimed = claimOne();
        Instant recorded = clock.advance(Duration.ofMillis(300));

        boolean mine = record(claimed, T0, DeliveryOutcome.answered(202, TOOK));

        WebhookDelivery delivery = delivery(claimed.deliveryId());
        assertThat(mine).isTrue();
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastStatusCode()).contains(202);
        assertThat(delivery.lastAttemptAt()).contains(T0);
        assertThat(delivery.deliveredAt()).contains(recorded);
        assertThat(delivery.nextAttemptAt()).isEmpty();
        assertThat(attempts(claimed.deliveryId())).singleElement().satisfies(attempt -> {
            assertThat(attempt.attempt()).isEqualTo(1);
            assertThat(attempt.statusCode()).contains(202);
            assertThat(attempt.durationMillis()).isEqualTo(25);
        });
        clock.advance(Duration.ofDays(1));
        assertThat(claimAll()).isEmpty();
        assertThat(statuses(webhook)).containsExactly(DeliveryStatus.DELIVERED);
    }

    @Test
    void failedAttemptsAreRetriedAfterTheBackoffUntilTheyAreUsedUp() {
        subscribe(List.of("call.started"));
        publish();

        ClaimedDelivery first = claimOne();
        record(first, DeliveryOutcome.answered(500, TOOK));
        // Jitter fixed at the middle: three quarters of 10 s, then of 20 s.
        Instant firstRetry = T0.plusMillis(7_500);
        assertThat(delivery(first.deliveryId()).nextAttemptAt()).contains(firstRetry);
        clock.set(firstRetry.minusMillis(1));
        assertThat(claimAll()).isEmpty();
        clock.set(firstRetry);
        ClaimedDelivery second = claimOne();
        record(second, DeliveryOutcome.failed("connection refused or unreachable", TOOK));
        Instant secondRetry = firstRetry.plusSeconds(15);
        assertThat(delivery(first.deliveryId()).nextAttemptAt()).contains(secondRetry);
        clock.set(secondRetry);
        ClaimedDelivery third = claimOne();
        record(third, DeliveryOutcome.answered(503, TOOK));

        WebhookDelivery failed = delivery(first.deliveryId());
        assertThat(List.of(first.attempt(), second.attempt(), third.attempt())).containsExactly(1, 2, 3);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(TestingWebhookServices.MAX_ATTEMPTS);
        assertThat(failed.lastStatusCode()).contains(503);
        assertThat(failed.lastError()).contains("HTTP 503");
        assertThat(failed.nextAttemptAt()).isEmpty();
        assertThat(attempts(first.deliveryId())).extracting(WebhookAttempt::attemptedAt)
                .containsExactly(T0, firstRetry, secondRetry);
        assertThat(attempts(first.deliveryId())).extracting(attempt -> attempt.error().orElseThrow())
                .containsExactly("HTTP 500", "connection refused or unreachable", "HTTP 503");
        clock.advance(Duration.ofDays(1));
        assertThat(claimAll()).isEmpty();
    }

    @Test
    void deliveriesOfAPausedSubscriptionWaitUntilItIsActiveAgain() {
        Webhook webhook = subscribe(List.of("call.started"));
        publish();
        inTransaction(services -> services.service().changeWebhook(ADMIN, webhook.id(),
                new WebhookDraft(null, null, null, false, null)));

        List<ClaimedDelivery> whilePaused = claimAll();
        inTransaction(services -> services.service().changeWebhook(ADMIN, webhook.id(),
                new WebhookDraft(null, null, null, true, null)));

        assertThat(whilePaused).isEmpty();
        assertThat(claimAll()).hasSize(1);
    }

    @Test
    void concurrentClaimsNeverShareADelivery() throws Exception {
        subscribe(List.of("call.started"));
        for (int i = 0; i < 5; i++) {
            publish();
        }

        List<ClaimedDelivery> firstWorker;
        CompletableFuture<List<ClaimedDelivery>> secondWorker;
        try (TestTransaction first = database.beginTransaction()) {
            firstWorker = new TestingWebhookServices(first.entityManager(), clock).deliveryService().claimDue(10);
            // The second worker reads the same due rows and then waits for the first one's uncommitted claim.
            secondWorker = CompletableFuture.supplyAsync(this::claimAll);
            Thread.sleep(500);
            first.entityManager().getTransaction().commit();
        }
        List<ClaimedDelivery> secondClaimed = secondWorker.get(30, TimeUnit.SECONDS);

        assertThat(firstWorker).hasSize(5);
        assertThat(secondClaimed).isEmpty();
    }

    @Test
    void purgeForgetsOnlyOldFinishedDeliveries() {
        subscribe(List.of("call.started"));
        publish();
        publish();
        publish();
        List<ClaimedDelivery> claimed = claimAll();
        record(claimed.get(0), DeliveryOutcome.answered(200, TOOK));
        record(claimed.get(1), DeliveryOutcome.answered(500, TOOK));
        for (int attempt = 2; attempt <= TestingWebhookServices.MAX_ATTEMPTS; attempt++) {
            record(claimOneOf(claimed.get(1).deliveryId()), DeliveryOutcome.answered(500, TOOK));
        }
        clock.set(T0.plus(Duration.ofDays(31)));

        int removed = inTransaction(services -> services.deliveryService().purgeFinished(Duration.ofDays(30), 100));

        assertThat(removed).isEqualTo(2);
        Optional<WebhookDelivery> delivered = inTransaction(services -> services.deliveries().find(claimed.get(0).deliveryId()));
        Optional<WebhookDelivery> failed = inTransaction(services -> services.deliveries().find(claimed.get(1).deliveryId()));
        assertThat(delivered).isEmpty();
        assertThat(failed).isEmpty();
        assertThat(attempts(claimed.get(1).deliveryId())).isEmpty();
        assertThat(delivery(claimed.get(2).deliveryId()).status()).isEqualTo(DeliveryStatus.SENDING);
        assertThat(attempts(claimed.get(2).deliveryId())).isEmpty();
    }

    private Webhook subscribe(List<String> events) {
        return inTransaction(services -> services.service().createWebhook(ADMIN,
                new WebhookDraft(URL, events, null, true, null)));
    }

    private String publish() {
        return inTransaction(services -> services.events().publish("acme", WebhookEventType.CALL_STARTED,
                Map.of("callId", "c1")));
    }

    private List<ClaimedDelivery> claimAll() {
        return inTransaction(services -> services.deliveryService().claimDue(100));
    }

    private ClaimedDelivery claimOne() {
        List<ClaimedDelivery> claimed = claimAll();
        assertThat(claimed).as("claimed deliveries at %s", clock.instant()).hasSize(1);
        return claimed.get(0);
    }

    private ClaimedDelivery claimOneOf(String deliveryId) {
        clock.set(delivery(deliveryId).nextAttemptAt().orElseThrow());
        return claimAll().stream().filter(claimed -> claimed.deliveryId().equals(deliveryId)).findFirst().orElseThrow();
    }

    /** Records an attempt made now. */
    private boolean record(ClaimedDelivery claimed, DeliveryOutcome outcome) {
        return record(claimed, clock.instant(), outcome);
    }

    private boolean record(ClaimedDelivery claimed, Instant attemptedAt, DeliveryOutcome outcome) {
        return inTransaction(services -> services.deliveryService().recordOutcome(claimed, attemptedAt, outcome));
    }

    private WebhookDelivery delivery(String id) {
        return inTransaction(services -> services.deliveries().find(id).orElseThrow());
    }

    private List<WebhookAttempt> attempts(String deliveryId) {
        return inTransaction(services -> services.deliveries().attempts(deliveryId));
    }

    private List<DeliveryStatus> statuses(Webhook webhook) {
        return inTransaction(services -> services.deliveries().list(webhook.id(), Optional.empty(), Optional.empty(), 100)
                .stream().map(WebhookDelivery::status).toList());
    }

    /** One unit of work of the worker or the API: its own EntityManager and transaction, committed. */
    private <T> T inTransaction(Function<TestingWebhookServices, T> work) {
        try (TestTransaction transaction = database.beginTransaction()) {
            T result = work.apply(new TestingWebhookServices(transaction.entityManager(), clock));
            transaction.entityManager().getTransaction().commit();
            return result;
        }
    }
}
