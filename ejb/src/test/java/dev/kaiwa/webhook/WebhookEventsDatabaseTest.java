package dev.kaiwa.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.TestingServices;
import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallClosed;
import dev.kaiwa.call.CallDraft;
import dev.kaiwa.call.CallSettings;
import dev.kaiwa.call.CallStarted;
import dev.kaiwa.call.CallStatus;
import dev.kaiwa.call.CallType;
import dev.kaiwa.consent.ConsentChanged;
import dev.kaiwa.consent.ConsentPurpose;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.recording.DeletionReason;
import dev.kaiwa.recording.Recording;
import dev.kaiwa.recording.RecordingChanged;
import dev.kaiwa.recording.RecordingFormat;
import dev.kaiwa.recording.RecordingKind;
import dev.kaiwa.recording.RecordingQuality;
import dev.kaiwa.recording.RecordingRepository;
import dev.kaiwa.recording.RecordingState;
import dev.kaiwa.recording.StopReason;
import dev.kaiwa.recording.jpa.TestingJpaRecordingRepository;
import dev.kaiwa.retention.PurgeCompleted;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.FakeClock;
import dev.kaiwa.shared.TestDatabase;
import dev.kaiwa.shared.TestDatabase.TestTransaction;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Publishing into the outbox on a real database: which subscriptions get a delivery, what it carries, that it
 * lives and dies with the publishing transaction, and the features' events that publish.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookEventsDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-04-01T09:00:00.000001Z");
    private static final Caller ALICE = new Caller("alice", "acme", Set.of(Caller.HOST), "Alice", null);
    private static final Caller ACME_ADMIN = new Caller("carol", "acme", Set.of(Caller.ADMIN), "Carol", null);
    private static final Caller GLOBEX_ADMIN = new Caller("erin", "globex", Set.of(Caller.ADMIN), "Erin", null);
    private static final String URL = "https://hr.acme.example/hooks/kaiwa";

    private TestDatabase database;
    private TestTransaction transaction;
    private FakeClock clock;
    private TestingServices calls;
    private TestingWebhookServices webhooks;
    private RecordingRepository recordings;
    private WebhookEventListener listener;

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
        calls = new TestingServices(transaction.entityManager(), clock);
        webhooks = new TestingWebhookServices(transaction.entityManager(), clock);
        recordings = TestingJpaRecordingRepository.create(transaction.entityManager());
        listener = webhooks.listener(calls.calls(), recordings, clock);
    }

    @AfterEach
    void rollBack() {
        transaction.close();
    }

    @Test
    void publishingWritesOneDeliveryPerActiveSubscriptionThatNamesTheEvent() {
        Webhook both = subscribe(ACME_ADMIN, List.of("call.started", "call.ended"), true);
        Webhook started = subscribe(ACME_ADMIN, List.of("call.started"), true);
        Webhook ended = subscribe(ACME_ADMIN, List.of("call.ended"), true);
        Webhook paused = subscribe(ACME_ADMIN, List.of("call.started"), false);
        Webhook otherOrganization = subscribe(GLOBEX_ADMIN, List.of("call.started"), true);

        String eventId = webhooks.events().publish("acme", WebhookEventType.CALL_STARTED, Map.of("callId", "c1"));
        transaction.flushAndClear();

        assertThat(deliveries(both)).singleElement().satisfies(delivery -> {
            assertThat(delivery.eventId()).isEqualTo(eventId);
            assertThat(delivery.eventType()).isEqualTo(WebhookEventType.CALL_STARTED);
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(delivery.nextAttemptAt()).contains(T0);
            assertThat(delivery.organization()).isEqualTo("acme");
        });
        assertThat(deliveries(started)).hasSize(1);
        assertThat(deliveries(ended)).isEmpty();
        assertThat(deliveries(paused)).isEmpty();
        assertThat(deliveries(otherOrganization)).isEmpty();
    }

    @Test
    void everyDeliveryOfAnEventCarriesTheSamePayload() {
        Webhook first = subscribe(ACME_ADMIN, List.of("purge.completed"), true);
        Webhook second = subscribe(ACME_ADMIN, List.of("purge.completed"), true);

        String eventId = webhooks.events().publish("acme", WebhookEventType.PURGE_COMPLETED,
                Map.of("recordingsPurged", 3));
        transaction.flushAndClear();

        String payload = deliveries(first).get(0).payload();
        JsonObject body = json(payload);
        assertThat(deliveries(second).get(0).payload()).isEqualTo(payload);
        assertThat(body.getString("id")).isEqualTo(eventId);
        assertThat(body.getString("type")).isEqualTo("purge.completed");
        assertThat(Instant.parse(body.getString("occurredAt"))).isEqualTo(T0);
        assertThat(body.getString("organizationId")).isEqualTo("acme");
        assertThat(body.getJsonObject("data").getInt("recordingsPurged")).isEqualTo(3);
    }

    @Test
    void deliveriesExistOnlyWhenThePublishingTransactionCommits() {
        String organization = "org-" + UUID.randomUUID();
        Caller admin = new Caller("carol", organization, Set.of(Caller.ADMIN), "Carol", null);
        String webhookId = inOwnTransaction(services -> services.service()
                .createWebhook(admin, new WebhookDraft(URL, List.of("call.ended"), null, null, null)).id(), true);

        inOwnTransaction(services -> services.events().publish(organization, WebhookEventType.CALL_ENDED,
                Map.of("callId", "rolled-back")), false);
        int afterRollback = inOwnTransaction(services -> services.deliveries()
                .list(webhookId, Optional.empty(), Optional.empty(), 10).size(), false);
        inOwnTransaction(services -> services.events().publish(organization, WebhookEventType.CALL_ENDED,
                Map.of("callId", "committed")), true);
        List<String> payloads = inOwnTransaction(services -> services.deliveries()
                .list(webhookId, Optional.empty(), Optional.empty(), 10).stream().map(WebhookDelivery::payload)
                .toList(), false);

        assertThat(afterRollback).isZero();
        assertThat(payloads).singleElement().satisfies(payload ->
                assertThat(json(payload).getJsonObject("data").getString("callId")).isEqualTo("committed"));
    }

    @Test
    void callStartIsPublishedWithTheCall() {
        Webhook webhook = subscribe(ACME_ADMIN, List.of("call.started"), true);
        Call call = createCall("ats-4711");
        Instant start = clock.advance(Duration.ofMinutes(1));
        calls.callService().startCall(new Actor.User(ALICE), call.id());

        listener.callStarted(new CallStarted(call.id()));
        transaction.flushAndClear();

        JsonObject data = json(deliveries(webhook).get(0).payload()).getJsonObject("data");
        assertThat(data.getString("callId")).isEqualTo(call.id());
        assertThat(data.getString("externalRef")).isEqualTo("ats-4711");
        assertThat(data.getString("title")).isEqualTo("Interview");
        assertThat(data.getString("type")).isEqualTo("VIDEO");
        assertThat(Instant.parse(data.getString("startedAt"))).isEqualTo(start);
        assertThat(Instant.parse(data.getString("scheduledAt"))).isEqualTo(T0);
    }

    @Test
    void endedAndFailedCallsArePublishedAsEndedAndMissedCallsAsMissed() {
        Webhook webhook = subscribe(ACME_ADMIN, List.of("call.ended", "call.missed"), true);
        Call ended = createCall(null);
        calls.callService().startCall(new Actor.User(ALICE), ended.id());
        Instant end = clock.advance(Duration.ofMinutes(30));
        calls.callService().endCall(new Actor.User(ALICE), ended.id());
        Call failed = createCall(null);
        calls.callService().startCall(new Actor.User(ALICE), failed.id());
        calls.callService().closeBySystem(calls.calls().findForUpdate(failed.id()).orElseThrow(), CallStatus.FAILED,
                "media failure", end);
        Call missed = createCall(null);
        calls.callService().closeBySystem(calls.calls().findForUpdate(missed.id()).orElseThrow(), CallStatus.MISSED,
                "nobody came", end);

        listener.callClosed(new CallClosed(ended.id(), CallStatus.ENDED));
        listener.callClosed(new CallClosed(failed.id(), CallStatus.FAILED));
        listener.callClosed(new CallClosed(missed.id(), CallStatus.MISSED));
        transaction.flushAndClear();

        List<JsonObject> bodies = deliveries(webhook).stream().map(delivery -> json(delivery.payload())).toList();
        assertThat(bodies).extracting(body -> body.getString("type"))
                .containsExactlyInAnyOrder("call.ended", "call.ended", "call.missed");
        JsonObject endedData = dataOf(bodies, "call.ended", ended.id());
        assertThat(endedData.getString("callId")).isEqualTo(ended.id());
        assertThat(endedData.getString("status")).isEqualTo("ENDED");
        assertThat(Instant.parse(endedData.getString("endedAt"))).isEqualTo(end);
        assertThat(endedData.getInt("durationSeconds")).isEqualTo(30 * 60);
        assertThat(endedData.isNull("externalRef")).isTrue();
        assertThat(dataOf(bodies, "call.ended", failed.id()).getString("status")).isEqualTo("FAILED");
        JsonObject missedData = dataOf(bodies, "call.missed", missed.id());
        assertThat(missedData.getString("callId")).isEqualTo(missed.id());
        assertThat(Instant.parse(missedData.getString("missedAt"))).isEqualTo(end);
    }

    @Test
    void cancelledCallIsNotPublished() {
        Webhook webhook = subscribe(ACME_ADMIN, List.of("call.started", "call.ended", "call.missed"), true);
        Call call = createCall(null);
        calls.callService().cancelCall(new Actor.User(ALICE), call.id());

        listener.callClosed(new CallClosed(call.id(), CallStatus.CANCELLED));
        transaction.flushAndClear();

        assertThat(deliveries(webhook)).isEmpty();
    }

    @Test
    void withdrawnConsentIsPublishedAndGrantedConsentIsNot() {
        Webhook webhook = subscribe(ACME_ADMIN, List.of("consent.withdrawn"), true);
        Call call = createCall("lead-9");

        listener.consentChanged(new ConsentChanged(call.id(), "participant-1", ConsentPurpose.RECORDING, true));
        listener.consentChanged(new ConsentChanged(call.id(), "participant-1", ConsentPurpose.RECORDING, false));
        transaction.flushAndClear();

        assertThat(deliveries(webhook)).singleElement().satisfies(delivery -> {
            JsonObject data = json(delivery.payload()).getJsonObject("data");
            assertThat(data.getString("callId")).isEqualTo(call.id());
            assertThat(data.getString("externalRef")).isEqualTo("lead-9");
            assertThat(data.getString("participantId")).isEqualTo("participant-1");
            assertThat(data.getString("purpose")).isEqualTo("RECORDING");
            assertThat(Instant.parse(data.getString("withdrawnAt"))).isEqualTo(T0);
        });
    }

    @Test
    void recordingIsPublishedWhenItBecomesReady() {
        Webhook webhook = subscribe(ACME_ADMIN, List.of("recording.ready"), true);
        Call call = createCall("ats-1");
        Participant host = calls.participants().list(call.id(), Optional.empty()).get(0);
        Recording recording = new Recording(call.id(), "acme", RecordingKind.COMPOSITE, null, host.id(),
                RecordingFormat.WEBM, RecordingQuality.MEDIUM, false, "user:alice", T0);
        recordings.add(recording);
        recording.started(T0);
        recording.stop(StopReason.REQUESTED, T0.plusSeconds(60));
        listener.recordingChanged(new RecordingChanged(RecordingState.of(recording), null));
        Instant ready = clock.advance(Duration.ofMinutes(2));
        recording.ready("recordings/" + recording.id() + "/media.webm", 1_234_567, 59_800, "ab".repeat(32),
                ready.plus(Duration.ofDays(30)), ready);

        listener.recordingChanged(new RecordingChanged(RecordingState.of(recording), null));
        transaction.flushAndClear();

        assertThat(deliveries(webhook)).singleElement().satisfies(delivery -> {
            JsonObject data = json(delivery.payload()).getJsonObject("data");
            assertThat(data.getString("recordingId")).isEqualTo(recording.id());
            assertThat(data.getString("callId")).isEqualTo(call.id());
            assertThat(data.getString("externalRef")).isEqualTo("ats-1");
            assertThat(data.getString("kind")).isEqualTo("COMPOSITE");
            assertThat(data.isNull("participantId")).isTrue();
            assertThat(data.getJsonNumber("sizeBytes").longValueExact()).isEqualTo(1_234_567);
            assertThat(data.getJsonNumber("durationMillis").longValueExact()).isEqualTo(59_800);
            assertThat(data.getString("sha256")).isEqualTo("ab".repeat(32));
            assertThat(Instant.parse(data.getString("readyAt"))).isEqualTo(ready);
            assertThat(Instant.parse(data.getString("expiresAt"))).isEqualTo(ready.plus(Duration.ofDays(30)));
        });
    }

    @Test
    void recordingIsPublishedWhenItIsDeletedAndNotWhenItFailsOrExpires() {
        Webhook webhook = subscribe(ACME_ADMIN, List.of("recording.deleted", "recording.ready"), true);
        Call call = createCall("ats-2");
        Participant host = calls.participants().list(call.id(), Optional.empty()).get(0);
        Recording recording = readyRecording(call, host, "acme");
        Recording failed = new Recording(call.id(), "acme", RecordingKind.COMPOSITE, null, host.id(),
                RecordingFormat.WEBM, RecordingQuality.MEDIUM, false, "user:alice", T0);
        recordings.add(failed);
        failed.fail("recorder gone", T0);
        listener.recordingChanged(new RecordingChanged(RecordingState.of(failed), null));
        Instant expired = clock.advance(Duration.ofDays(30));
        recording.expire(expired);
        listener.recordingChanged(new RecordingChanged(RecordingState.of(recording), null));
        Instant deleted = clock.advance(Duration.ofMinutes(1));
        recording.delete(DeletionReason.RETENTION, deleted);

        listener.recordingChanged(new RecordingChanged(RecordingState.of(recording), null));
        transaction.flushAndClear();

        assertThat(deliveries(webhook)).singleElement().satisfies(delivery -> {
            JsonObject body = json(delivery.payload());
            assertThat(body.getString("type")).isEqualTo("recording.deleted");
            JsonObject data = body.getJsonObject("data");
            assertThat(data.getString("recordingId")).isEqualTo(recording.id());
            assertThat(data.getString("callId")).isEqualTo(call.id());
            assertThat(data.getString("externalRef")).isEqualTo("ats-2");
            assertThat(data.getString("kind")).isEqualTo("COMPOSITE");
            assertThat(data.getString("reason")).isEqualTo("RETENTION");
            assertThat(Instant.parse(data.getString("deletedAt"))).isEqualTo(deleted);
        });
    }

    @Test
    void purgeRunIsPublishedToTheOrganizationItDeletedRecordingsOf() {
        Webhook acme = subscribe(ACME_ADMIN, List.of("purge.completed"), true);
        Webhook globex = subscribe(GLOBEX_ADMIN, List.of("purge.completed"), true);
        Instant asOf = T0.minusSeconds(90);

        listener.purgeCompleted(new PurgeCompleted("acme", 42, 17, asOf, T0, 3, 1, 4096));
        transaction.flushAndClear();

        assertThat(deliveries(globex)).isEmpty();
        assertThat(deliveries(acme)).singleElement().satisfies(delivery -> {
            JsonObject body = json(delivery.payload());
            assertThat(body.getString("type")).isEqualTo("purge.completed");
            assertThat(body.getString("organizationId")).isEqualTo("acme");
            JsonObject data = body.getJsonObject("data");
            assertThat(data.getJsonNumber("executionId").longValueExact()).isEqualTo(42);
            assertThat(data.getJsonNumber("instanceId").longValueExact()).isEqualTo(17);
            assertThat(Instant.parse(data.getString("asOf"))).isEqualTo(asOf);
            assertThat(Instant.parse(data.getString("completedAt"))).isEqualTo(T0);
            assertThat(data.getJsonNumber("recordingsDeleted").longValueExact()).isEqualTo(3);
            assertThat(data.getJsonNumber("missingBlobs").longValueExact()).isEqualTo(1);
            assertThat(data.getJsonNumber("bytesFreed").longValueExact()).isEqualTo(4096);
            assertThat(data.keySet()).as("nothing about who started the run").doesNotContain("startedBy");
        });
    }

    private Recording readyRecording(Call call, Participant host, String organization) {
        Recording recording = new Recording(call.id(), organization, RecordingKind.COMPOSITE, null, host.id(),
                RecordingFormat.WEBM, RecordingQuality.MEDIUM, false, "user:alice", T0);
        recordings.add(recording);
        recording.started(T0);
        recording.stop(StopReason.REQUESTED, T0.plusSeconds(60));
        recording.ready("recordings/" + recording.id() + "/media.webm", 1_000, 59_000, "ab".repeat(32),
                T0.plus(Duration.ofDays(30)), T0.plusSeconds(90));
        return recording;
    }

    private Webhook subscribe(Caller admin, List<String> events, boolean active) {
        return webhooks.service().createWebhook(admin, new WebhookDraft(URL, events, null, active, null));
    }

    private List<WebhookDelivery> deliveries(Webhook webhook) {
        return webhooks.deliveries().list(webhook.id(), Optional.empty(), Optional.empty(), 100);
    }

    private Call createCall(String externalRef) {
        Call call = calls.callService().createCall(ALICE, new CallDraft("Interview", CallType.VIDEO, null, 10,
                CallSettings.defaults(), externalRef, null, null), Optional.empty()).call();
        transaction.entityManager().flush();
        return call;
    }

    /** Runs {@code work} in a transaction of its own and commits or rolls it back. */
    private <T> T inOwnTransaction(Function<TestingWebhookServices, T> work, boolean commit) {
        try (TestTransaction own = database.beginTransaction()) {
            T result = work.apply(new TestingWebhookServices(own.entityManager(), clock));
            if (commit) {
                own.entityManager().getTransaction().commit();
            }
            return result;
        }
    }

    private static JsonObject dataOf(List<JsonObject> bodies, String type, String callId) {
        return bodies.stream().filter(body -> body.getString("type").equals(type))
                .map(body -> body.getJsonObject("data"))
                .filter(data -> data.getString("callId").equals(callId))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " event of call " + callId));
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
