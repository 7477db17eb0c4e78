package dev.kaiwa.webhook;

import static dev.kaiwa.shared.DomainAssertions.assertRefused;
import static dev.kaiwa.webhook.TestingWebhookServices.SECRETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaiwa.audit.AuditEntry;
import dev.kaiwa.audit.AuditFilter;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FakeClock;
import dev.kaiwa.shared.FieldError;
import dev.kaiwa.shared.Page;
import dev.kaiwa.shared.TestDatabase;
import dev.kaiwa.shared.TestDatabase.TestTransaction;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Managing subscriptions and reading their delivery log on a real database; every test is rolled back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookServiceDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-04-01T09:00:00.000001Z");
    private static final Caller ACME_ADMIN = new Caller("carol", "acme", Set.of(Caller.ADMIN), "Carol", null);
    private static final Caller ACME_HOST = new Caller("alice", "acme", Set.of(Caller.HOST), "Alice", null);
    private static final Caller ACME_AUDITOR = new Caller("dave", "acme", Set.of(Caller.AUDITOR), "Dave", null);
    private static final Caller GLOBEX_ADMIN = new Caller("erin", "globex", Set.of(Caller.ADMIN), "Erin", null);
    private static final String URL = "https://hr.acme.example/hooks/kaiwa";

    private TestDatabase database;
    private TestTransaction transaction;
    private FakeClock clock;
    private TestingWebhookServices services;
    private WebhookService service;

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
    void beginTransaction() {
        transaction = database.beginTransaction();
        clock = new FakeClock(T0);
        services = new TestingWebhookServices(transaction.entityManager(), clock);
        service = services.service();
    }

    @AfterEach
    void rollBack() {
        transaction.close();
    }

    @Test
    void adminSubscribesWithAGeneratedSecret() {
        Webhook created = service.createWebhook(ACME_ADMIN, draft(URL, List.of("call.ended", "call.started")));
        transaction.flushAndClear();

        Webhook stored = service.getWebhook(ACME_ADMIN, created.id());
        assertThat(stored.organization()).isEqualTo("acme");
        assertThat(stored.url()).isEqualTo(URI.create(URL));
        assertThat(stored.events()).containsExactly(WebhookEventType.CALL_STARTED, WebhookEventType.CALL_ENDED);
        assertThat(stored.active()).isTrue();
        assertThat(stored.description()).isEmpty();
        assertThat(stored.createdBy()).isEqualTo("carol");
        assertThat(stored.createdAt()).isEqualTo(T0);
        assertThat(stored.secret(SECRETS)).startsWith("whsec_").isEqualTo(created.shownSecret().orElseThrow());
        assertThat(stored.shownSecret()).isEmpty();
    }

    @Test
    void secretIsStoredSealedAndBoundToItsSubscription() {
        String secret = "my-own-secret-of-24-chars-or-more";
        Webhook first = service.createWebhook(ACME_ADMIN, new WebhookDraft(URL, List.of("call.ended"), null, null, secret));
        Webhook second = service.createWebhook(ACME_ADMIN, draft(URL, List.of("call.ended")));
        transaction.flushAndClear();

        String stored = storedSecret(first.id());
        assertThat(stored).startsWith("v1.").doesNotContain(secret);
        assertThat(SECRETS.open(stored, first.id())).isEqualTo(secret);
        // A sealed secret copied onto another subscription does not open there.
        transaction.entityManager().createNativeQuery("UPDATE kw_webhook SET secret = ?1 WHERE id = ?2")
                .setParameter(1, stored).setParameter(2, second.id()).executeUpdate();
        transaction.flushAndClear();
        assertThatThrownBy(() -> service.getWebhook(ACME_ADMIN, second.id()).secret(SECRETS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not open");
    }

    @Test
    void secretStoredInPlainTextByAnEarlierVersionIsSealedWhenRead() {
        Webhook webhook = service.createWebhook(ACME_ADMIN, draft(URL, List.of("call.ended")));
        transaction.flushAndClear();
        transaction.entityManager().createNativeQuery("UPDATE kw_webhook SET secret = ?1 WHERE id = ?2")
                .setParameter(1, "whsec_legacy-plain-secret-of-length").setParameter(2, webhook.id()).executeUpdate();
        transaction.flushAndClear();

        assertThat(service.getWebhook(ACME_ADMIN, webhook.id()).secret(SECRETS))
                .isEqualTo("whsec_legacy-plain-secret-of-length");
        transaction.flushAndClear();

        assertThat(storedSecret(webhook.id())).startsWith("v1.").doesNotContain("legacy");
        assertThat(service.getWebhook(ACME_ADMIN, webhook.id()).secret(SECRETS))
                .isEqualTo("whsec_legacy-plain-secret-of-length");
    }

    private String storedSecret(String webhookId) {
        return (String) transaction.entityManager().createNativeQuery("SELECT secret FROM kw_webhook WHERE id = ?1")
                .setParameter(1, webhookId).getSingleResult();
    }

    @Test
    void adminMayBringTheirOwnSecretAndStartInactive() {
        String secret = "my-own-secret-of-24-chars-or-more";

        Webhook created = service.createWebhook(ACME_ADMIN,
                new WebhookDraft(URL, List.of("recording.ready"), " ATS ", false, secret));

        assertThat(created.shownSecret()).contains(secret);
        assertThat(created.active()).isFalse();
        assertThat(created.description()).contains("ATS");
    }

    @Test
    void onlyAdminsManageWebhooks() {
        String id = service.createWebhook(ACME_ADMIN, draft(URL, List.of("call.ended"))).id();

        for (Caller caller : List.of(ACME_HOST, ACME_AUDITOR)) {
            assertRefused(ErrorCode.FORBIDDEN, () -> service.createWebhook(caller, draft(URL, List.of("call.ended"))));
            assertRefused(ErrorCode.FORBIDDEN, () -> service.listWebhooks(caller, Optional.empty(), null));
            assertRefused(ErrorCode.FORBIDDEN, () -> service.getWebhook(caller, id));
            assertRefused(ErrorCode.FORBIDDEN, () -> service.deleteWebhook(caller, id));
            assertRefused(ErrorCode.FORBIDDEN,
                    () -> service.listDeliveries(caller, id, Optional.empty(), Optional.empty(), null));
        }
    }

    @Test
    void anotherOrganizationsSubscriptionDoesNotExistForAnAdmin() {
        String id = service.createWebhook(ACME_ADMIN, draft(URL, List.of("call.ended"))).id();

        assertRefused(ErrorCode.WEBHOOK_NOT_FOUND, () -> service.getWebhook(GLOBEX_ADMIN, id));
        assertRefused(ErrorCode.WEBHOOK_NOT_FOUND,
                () -> service.replaceWebhook(GLOBEX_ADMIN, id, draft(URL, List.of("call.started"))));
        assertRefused(ErrorCode.WEBHOOK_NOT_FOUND,
                () -> service.changeWebhook(GLOBEX_ADMIN, id, new WebhookDraft(null, null, null, false, null)));
        assertRefused(ErrorCode.WEBHOOK_NOT_FOUND, () -> service.rotateSecret(GLOBEX_ADMIN, id, Optional.empty()));
        assertRefused(ErrorCode.WEBHOOK_NOT_FOUND, () -> service.deleteWebhook(GLOBEX_ADMIN, id));
        assertRefused(ErrorCode.WEBHOOK_NOT_FOUND,
                () -> service.listDeliveries(GLOBEX_ADMIN, id, Optional.empty(), Optional.empty(), null));
        assertRefused(ErrorCode.WEBHOOK_NOT_FOUND, () -> service.getWebhook(ACME_ADMIN, "no-such-webhook"));
        assertThat(service.listWebhooks(GLOBEX_ADMIN, Optional.empty(), null).items()).isEmpty();
        assertThat(service.getWebhook(ACME_ADMIN, id).active()).isTrue();
    }

    @Test
    void badUrlOrUnknownEventIsRefusedWithTheField() {
        assertThat(assertRefused(ErrorCode.WEBHOOK_URL_INVALID,
                () -> service.createWebhook(ACME_ADMIN, draft("ftp://hr.acme.example/x", List.of("call.ended"))))
                .fieldErrors()).extracting(FieldError::field).containsExactly("url");
        assertThat(assertRefused(ErrorCode.WEBHOOK_EVENT_UNKNOWN,
                () -> service.createWebhook(ACME_ADMIN, draft(URL, List.of("call.ended", "call.exploded"))))
                .fieldErrors()).extracting(FieldError::field).containsExactly("events[1]");
        assertRefused(ErrorCode.VALIDATION_FAILED, () -> service.createWebhook(ACME_ADMIN,
                new WebhookDraft(URL, List.of("call.ended"), null, null, "short")));
        assertThat(service.listWebhooks(ACME_ADMIN, Optional.empty(), null).items()).isEmpty();
    }

    @Test
    void plainHttpIsRefusedUnlessTheServerAllowsIt() {
        WebhookDraft http = draft("http://127.0.0.1:8080/hook", List.of("call.ended"));

        assertRefused(ErrorCode.WEBHOOK_URL_INVALID, () -> services.serviceWithoutHttp().createWebhook(ACME_ADMIN, http));
        assertThat(service.createWebhook(ACME_ADMIN, http).url()).isEqualTo(URI.create("http://127.0.0.1:8080/hook"));
    }

    @Test
    void endpointsOnTheServersOwnNetworksAreRefusedUnlessTheServerAllowsThem() {
        WebhookService strict = services.serviceWithoutHttp();
        for (String url : List.of("https://127.0.0.1/hook", "https://10.20.30.40/hook", "https://169.254.169.254/latest",
                "https://[::1]:8443/hook", "https://[fd00::5]/hook")) {
            assertThat(assertRefused(ErrorCode.WEBHOOK_URL_INVALID,
                    () -> strict.createWebhook(ACME_ADMIN, draft(url, List.of("call.ended")))).fieldErrors())
                    .as(url).extracting(FieldError::field).containsExactly("url");
        }
        String id = strict.createWebhook(ACME_ADMIN, draft("https://93.184.216.34/hook", List.of("call.ended"))).id();
        assertRefused(ErrorCode.WEBHOOK_URL_INVALID, () -> strict.changeWebhook(ACME_ADMIN, id,
                new WebhookDraft("https://192.168.0.10/hook", null, null, null, null)));

        assertThat(service.createWebhook(ACME_ADMIN, draft("https://10.20.30.40/hook", List.of("call.ended"))).url())
                .isEqualTo(URI.create("https://10.20.30.40/hook"));
    }

    @Test
    void listPagesNewestFirstWithinTheOrganization() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(service.createWebhook(ACME_ADMIN, draft(URL + "/" + i, List.of("call.ended"))).id());
            clock.advance(Duration.ofSeconds(i % 2));
        }
        service.createWebhook(GLOBEX_ADMIN, draft(URL, List.of("call.ended")));
        transaction.flushAndClear();

        List<String> listed = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<Webhook> page = service.listWebhooks(ACME_ADMIN, cursor, 2);
            page.items().forEach(webhook -> listed.add(webhook.id()));
            cursor = page.nextCursor();
            pages++;
        }
        while (cursor.isPresent() && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(listed.get(0)).isEqualTo(created.get(4));
    }

    @Test
    void replaceSetsEveryFieldAndDefaultsTheMissingOnes() {
        Webhook webhook = service.createWebhook(ACME_ADMIN,
                new WebhookDraft(URL, List.of("call.ended"), "ATS", false, null));
        String secret = webhook.shownSecret().orElseThrow();
        clock.advance(Duration.ofMinutes(1));

        service.replaceWebhook(ACME_ADMIN, webhook.id(), draft(URL + "/v2", List.of("consent.withdrawn")));
        transaction.flushAndClear();

        Webhook stored = service.getWebhook(ACME_ADMIN, webhook.id());
        assertThat(stored.url()).isEqualTo(URI.create(URL + "/v2"));
        assertThat(stored.events()).containsExactly(WebhookEventType.CONSENT_WITHDRAWN);
        assertThat(stored.description()).isEmpty();
        assertThat(stored.active()).isTrue();
        assertThat(stored.secret(SECRETS)).isEqualTo(secret);
        assertThat(stored.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertRefused(ErrorCode.WEBHOOK_URL_INVALID,
                () -> service.replaceWebhook(ACME_ADMIN, webhook.id(), draft(null, List.of("call.ended"))));
    }

    @Test
    void changeTouchesOnlyTheFieldsGiven() {
        Webhook webhook = service.createWebhook(ACME_ADMIN,
                new WebhookDraft(URL, List.of("call.ended"), "ATS", true, null));

        service.changeWebhook(ACME_ADMIN, webhook.id(), new WebhookDraft(null, null, null, false, null));
        transaction.flushAndClear();
        WebhookSettings paused = service.getWebhook(ACME_ADMIN, webhook.id()).settings();
        service.changeWebhook(ACME_ADMIN, webhook.id(), new WebhookDraft(null, List.of("call.missed"), "", null, null));
        transaction.flushAndClear();
        WebhookSettings changed = service.getWebhook(ACME_ADMIN, webhook.id()).settings();

        assertThat(paused.active()).isFalse();
        assertThat(paused.url()).isEqualTo(URI.create(URL));
        assertThat(paused.events()).containsExactly(WebhookEventType.CALL_ENDED);
        assertThat(paused.description()).contains("ATS");
        assertThat(changed.active()).isFalse();
        assertThat(changed.events()).containsExactly(WebhookEventType.CALL_MISSED);
        assertThat(changed.description()).isEmpty();
    }

    @Test
    void rotatedSecretReplacesTheOldOne() {
        Webhook webhook = service.createWebhook(ACME_ADMIN, draft(URL, List.of("call.ended")));
        String first = webhook.shownSecret().orElseThrow();

        String generated = service.rotateSecret(ACME_ADMIN, webhook.id(), Optional.empty()).shownSecret().orElseThrow();
        String chosen = service.rotateSecret(ACME_ADMIN, webhook.id(), Optional.of("chosen-secret-of-enough-length"))
                .shownSecret().orElseThrow();
        transaction.flushAndClear();

        assertThat(generated).startsWith("whsec_").isNotEqualTo(first);
        assertThat(chosen).isEqualTo("chosen-secret-of-enough-length");
        assertThat(service.getWebhook(ACME_ADMIN, webhook.id()).secret(SECRETS)).isEqualTo(chosen);
        assertRefused(ErrorCode.VALIDATION_FAILED, () -> service.rotateSecret(ACME_ADMIN, webhook.id(), Optional.of("x")));
    }

    @Test
    void deliveryLogShowsTheSubscriptionsDeliveriesNewestFirstWithTheirAttempts() {
        Webhook webhook = service.createWebhook(ACME_ADMIN, draft(URL, List.of("call.started", "call.ended")));
        Webhook other = service.createWebhook(ACME_ADMIN, draft(URL + "/other", List.of("call.started")));
        services.events().publish("acme", WebhookEventType.CALL_STARTED, Map.of("callId", "c1"));
        clock.advance(Duration.ofSeconds(1));
        services.events().publish("acme", WebhookEventType.CALL_ENDED, Map.of("callId", "c1"));
        transaction.flushAndClear();
        WebhookDelivery ended = services.deliveries().list(webhook.id(), Optional.empty(), Optional.empty(), 10).get(0);
        services.deliveries().addAttempt(new WebhookAttempt(ended.id(), 1, T0,
                DeliveryOutcome.answered(500, Duration.ofMillis(30))));
        transaction.flushAndClear();

        Page<WebhookDelivery> log = service.listDeliveries(ACME_ADMIN, webhook.id(), Optional.empty(), Optional.empty(), 10);
        Page<WebhookDelivery> pending = service.listDeliveries(ACME_ADMIN, webhook.id(),
                Optional.of(DeliveryStatus.PENDING), Optional.empty(), 1);
        Page<WebhookDelivery> delivered = service.listDeliveries(ACME_ADMIN, webhook.id(),
                Optional.of(DeliveryStatus.DELIVERED), Optional.empty(), 10);
        WebhookDeliveryDetail detail = service.getDelivery(ACME_ADMIN, webhook.id(), ended.id());

        assertThat(log.items()).extracting(WebhookDelivery::eventType)
                .containsExactly(WebhookEventType.CALL_ENDED, WebhookEventType.CALL_STARTED);
        assertThat(log.nextCursor()).isEmpty();
        assertThat(pending.items()).hasSize(1);
        assertThat(pending.nextCursor()).isPresent();
        assertThat(delivered.items()).isEmpty();
        assertThat(detail.delivery().payload()).contains("\"type\":\"call.ended\"");
        assertThat(detail.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.attempt()).isEqualTo(1);
            assertThat(attempt.statusCode()).contains(500);
            assertThat(attempt.error()).contains("HTTP 500");
        });
        assertRefused(ErrorCode.WEBHOOK_DELIVERY_NOT_FOUND, () -> service.getDelivery(ACME_ADMIN, other.id(), ended.id()));
        assertRefused(ErrorCode.WEBHOOK_NOT_FOUND, () -> service.getDelivery(GLOBEX_ADMIN, webhook.id(), ended.id()));
    }

    @Test
    void deletedSubscriptionTakesItsDeliveriesAndAttemptsWithIt() {
        Webhook webhook = service.createWebhook(ACME_ADMIN, draft(URL, List.of("call.started")));
        Webhook kept = service.createWebhook(ACME_ADMIN, draft(URL + "/kept", List.of("call.started")));
        services.events().publish("acme", WebhookEventType.CALL_STARTED, Map.of("callId", "c1"));
        transaction.flushAndClear();
        String deliveryId = services.deliveries().list(webhook.id(), Optional.empty(), Optional.empty(), 10).get(0).id();
        services.deliveries().addAttempt(new WebhookAttempt(deliveryId, 1, T0, DeliveryOutcome.failed("refused",
                Duration.ZERO)));
        transaction.flushAndClear();

        service.deleteWebhook(ACME_ADMIN, webhook.id());
        transaction.flushAndClear();

        assertRefused(ErrorCode.WEBHOOK_NOT_FOUND, () -> service.getWebhook(ACME_ADMIN, webhook.id()));
        assertThat(services.deliveries().find(deliveryId)).isEmpty();
        assertThat(services.deliveries().attempts(deliveryId)).isEmpty();
        assertThat(services.deliveries().list(kept.id(), Optional.empty(), Optional.empty(), 10)).hasSize(1);
    }

    @Test
    void everyChangeOfASubscriptionIsAuditedWithoutTheUrlsPathOrTheSecret() {
        Webhook webhook = service.createWebhook(ACME_ADMIN, draft(URL + "?token=abc", List.of("call.started")));
        service.replaceWebhook(ACME_ADMIN, webhook.id(), new WebhookDraft(URL, List.of("recording.deleted",
                "purge.completed"), null, false, null));
        service.changeWebhook(ACME_ADMIN, webhook.id(), new WebhookDraft(null, null, null, true, null));
        service.rotateSecret(ACME_ADMIN, webhook.id(), Optional.empty());
        service.deleteWebhook(ACME_ADMIN, webhook.id());

        List<AuditEntry> trail = new ArrayList<>(services.auditTrail().list(ACME_AUDITOR, AuditFilter.none(),
                Optional.empty(), 100).items());
        Collections.reverse(trail);

        assertThat(trail).extracting(AuditEntry::action).containsExactly("WEBHOOK_SUBSCRIPTION_CREATED",
                "WEBHOOK_SUBSCRIPTION_UPDATED", "WEBHOOK_SUBSCRIPTION_UPDATED", "WEBHOOK_SUBSCRIPTION_UPDATED",
                "WEBHOOK_SUBSCRIPTION_DELETED");
        assertThat(trail).allSatisfy(entry -> {
            assertThat(entry.actorType()).isEqualTo("USER");
            assertThat(entry.actorId()).contains("carol");
            assertThat(entry.organization()).contains("acme");
            assertThat(entry.resourceType()).isEqualTo("WEBHOOK_SUBSCRIPTION");
            assertThat(entry.resourceId()).contains(webhook.id());
            assertThat(entry.clientAddress()).contains(TestingWebhookServices.CLIENT_ADDRESS);
            assertThat(entry.details()).containsEntry("host", "hr.acme.example");
            assertThat(entry.details().values()).noneMatch(value -> value.contains("token") || value.contains("whsec_"));
        });
        assertThat(trail.get(0).details()).containsEntry("events", "call.started").containsEntry("active", "true")
                .containsEntry("secretGenerated", "true");
        assertThat(trail.get(1).details()).containsEntry("events", "purge.completed,recording.deleted")
                .containsEntry("active", "false").containsEntry("change", "REPLACED");
        assertThat(trail.get(2).details()).containsEntry("active", "true").containsEntry("change", "PATCHED");
        assertThat(trail.get(3).details()).containsEntry("change", "SECRET_ROTATED")
                .containsEntry("secretGenerated", "true");
    }

    @Test
    void refusedChangesLeaveNoAuditEntry() {
        Webhook webhook = service.createWebhook(ACME_ADMIN, draft(URL, List.of("call.started")));

        assertRefused(ErrorCode.FORBIDDEN, () -> service.deleteWebhook(ACME_HOST, webhook.id()));
        assertRefused(ErrorCode.WEBHOOK_NOT_FOUND, () -> service.deleteWebhook(GLOBEX_ADMIN, webhook.id()));
        assertRefused(ErrorCode.WEBHOOK_EVENT_UNKNOWN, () -> service.changeWebhook(ACME_ADMIN, webhook.id(),
                new WebhookDraft(null, List.of("call.exploded"), null, null, null)));

        assertThat(services.auditTrail().list(ACME_AUDITOR, AuditFilter.none(), Optional.empty(), 100).items())
                .extracting(AuditEntry::action).containsExactly("WEBHOOK_SUBSCRIPTION_CREATED");
    }

    private static WebhookDraft draft(String url, List<String> events) {
        return new WebhookDraft(url, events, null, null, null);
    }
}
