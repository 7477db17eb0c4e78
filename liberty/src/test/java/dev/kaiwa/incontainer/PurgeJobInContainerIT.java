package dev.kaiwa.incontainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.audit.AuditAction;
import dev.kaiwa.audit.AuditEntry;
import dev.kaiwa.audit.AuditFilter;
import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallService;
import dev.kaiwa.participant.ParticipantService;
import dev.kaiwa.retention.PurgeJob;
import dev.kaiwa.retention.PurgeRun;
import dev.kaiwa.retention.PurgeRuns;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.webhook.Webhook;
import dev.kaiwa.webhook.WebhookDelivery;
import dev.kaiwa.webhook.WebhookDraft;
import dev.kaiwa.webhook.WebhookService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The retention purge (Jakarta Batch job purge-expired-recordings) run through the JobOperator on the
 * in-container server, whose job repository is its database: what it deletes and keeps, and a run whose
 * storage fails in the middle of a chunk, restarted from its checkpoint, ending with every row and blob
 * consistent and nothing deleted, audited or announced twice.
 */
@ExtendWith(ArquillianExtension.class)
class PurgeJobInContainerIT {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    @Deployment
    static WebArchive deployment() {
        return Deployments.core(PurgeJobInContainerIT.class)
                .addClasses(MemoryRecordingStore.class, RecordingRows.class, InterruptedAnnouncement.class);
    }

    @Inject
    CallService calls;

    @Inject
    ParticipantService participants;

    @Inject
    PurgeRuns runs;

    @Inject
    MemoryRecordingStore store;

    @Inject
    RecordingRows rows;

    @Inject
    AuditTrail audit;

    @Inject
    WebhookService webhooks;

    @Inject
    InterruptedAnnouncement interruption;

    private final Caller host = Fixtures.host();
    private final Actor.User hostActor = Fixtures.actor(host);
    private final Caller admin = new Caller("admin-" + UUID.randomUUID(), Fixtures.ORGANIZATION, Set.of(Caller.ADMIN),
            "Ada Admin", null);
    private final Instant now = Instant.now();

    @BeforeEach
    @AfterEach
    void emptyStore() {
        store.clear();
    }

    @Test
    void purgeDeletesTheMediaOfDueRecordingsAndKeepsHeldAndLaterOnes() {
        Call call = call();
        String recorder = hostOf(call);
        List<String> due = withMedia(rows.insert(call.id(), recorder, 30, "READY", now.minus(Duration.ofDays(1)), false));
        List<String> held = withMedia(rows.insert(call.id(), recorder, 3, "READY", now.minus(Duration.ofDays(1)), true));
        List<String> later = withMedia(rows.insert(call.id(), recorder, 5, "READY", now.plus(Duration.ofDays(1)), false));
        List<String> leftovers = withMedia(rows.insert(call.id(), recorder, 2, "EXPIRED", now.minus(Duration.ofDays(2)), false));
        List<String> leftoverWithoutBlob = rows.insert(call.id(), recorder, 1, "EXPIRED", now.minus(Duration.ofDays(2)), false);
        List<String> deletedByHand = withMedia(rows.insert(call.id(), recorder, 1, "DELETED", now.minus(Duration.ofDays(2)), false));

        Call oldCall = call();
        rows.endedWithChat(oldCall.id(), hostOf(oldCall), now.minus(Duration.ofDays(31)), 4);
        Call recentCall = call();
        rows.endedWithChat(recentCall.id(), hostOf(recentCall), now.minus(Duration.ofDays(2)), 3);

        Webhook webhook = subscribedToPurges();

        PurgeRun run = finished(runs.start(Optional.of(admin)));

        assertThat(run.status()).as("%s", run).isEqualTo("COMPLETED");
        Map<String, RecordingRows.Row> after = rows.rows(concat(due, leftovers, leftoverWithoutBlob));
        assertThat(after.values()).hasSize(33).allSatisfy(row -> {
            assertThat(row.status()).isEqualTo("DELETED");
            assertThat(row.deletedReason()).isEqualTo("RETENTION");
            assertThat(row.storageKey()).as("media removal confirmed").isNull();
            assertThat(store.hasMedia(row.id())).isFalse();
        });
        assertThat(rows.rows(deletedByHand).values()).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo("DELETED");
            assertThat(row.deletedReason()).as("keeps its own reason").isEqualTo("MANUAL");
            assertThat(row.storageKey()).isNull();
        });
        assertThat(store.hasMedia(deletedByHand.get(0))).isFalse();
        assertThat(rows.rows(concat(held, later)).values()).hasSize(8).allSatisfy(row -> {
            assertThat(row.status()).isEqualTo("READY");
            assertThat(store.hasMedia(row.id())).isTrue();
        });
        assertThat(run.counts()).containsEntry(PurgeJob.EXPIRED, 30L)
                .containsEntry(PurgeJob.DELETED, 33L)
                .containsEntry(PurgeJob.MISSING_BLOBS, 1L)
                .containsEntry(PurgeJob.CALLS_CHAT_PURGED, 1L)
                .containsEntry(PurgeJob.CHAT_MESSAGES_DELETED, 4L);
        assertThat(run.counts().get(PurgeJob.BYTES_FREED)).as("the 33 recordings that had media").isEqualTo(33L * 64);
        assertThat(rows.chatMessages(oldCall.id())).as("chat past the call's retention").isZero();
        assertThat(rows.chatMessages(recentCall.id())).as("chat within the call's retention").isEqualTo(3);
        assertThat(rows.events(call.id(), "RECORDING_DELETED", due.get(0))).isEqualTo(1);
        assertThat(rows.events(call.id(), "RECORDING_EXPIRED", due.get(0))).isEqualTo(1);
        assertThat(run.steps()).extracting(PurgeRun.Step::name)
                .containsExactly(PurgeJob.STEP_EXPIRE, PurgeJob.STEP_DELETE, PurgeJob.STEP_CHAT, PurgeJob.STEP_ANNOUNCE);
        assertThat(run.counts()).as("nothing of an organization among the run's counts").allSatisfy((key, value) ->
                assertThat(key).doesNotStartWith("organization."));
        assertThat(auditEntries(AuditAction.PURGE_RUN_STARTED, Long.toString(run.executionId()))).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actorId()).contains(admin.subject());
                    assertThat(entry.details()).containsEntry("trigger", "ON_DEMAND")
                            .containsEntry("jobInstanceId", Long.toString(run.instanceId()));
                });
        for (String id : concat(due, leftovers, leftoverWithoutBlob)) {
            assertThat(auditEntries(AuditAction.RECORDING_PURGED, id)).as("purge entries of %s", id).singleElement()
                    .satisfies(entry -> {
                        assertThat(entry.actorType()).isEqualTo("SYSTEM");
                        assertThat(entry.details()).containsEntry("reason", "RETENTION")
                                .containsEntry("jobExecutionId", Long.toString(run.executionId()));
                    });
        }
        assertThat(auditEntries(AuditAction.RECORDING_PURGED, deletedByHand.get(0))).as("deleted by hand before")
                .isEmpty();
        assertThat(auditEntries(AuditAction.RECORDING_PURGED, held.get(0))).isEmpty();
        assertThat(purgeAnnouncements(webhook, run.instanceId())).singleElement().satisfies(data -> {
            assertThat(data.getJsonNumber("recordingsDeleted").longValueExact()).isEqualTo(33);
            assertThat(data.getJsonNumber("missingBlobs").longValueExact()).isEqualTo(1);
            assertThat(data.getJsonNumber("bytesFreed").longValueExact()).isEqualTo(33L * 64);
            assertThat(data.getJsonNumber("executionId").longValueExact()).isEqualTo(run.executionId());
        });
        assertThat(recordingDeletedAnnouncements(webhook)).as("recording.deleted of the purged recordings")
                .containsAll(concat(due, leftovers, leftoverWithoutBlob))
                .doesNotContain(deletedByHand.get(0), held.get(0), later.get(0));
        assertThat(audit.verify(admin, Optional.empty()).valid()).isTrue();
    }

    @Test
    void aRunInterruptedMidChunkIsRestartedAndEndsWithNoOrphanAndNoDoubleDelete() {
        Webhook webhook = subscribedToPurges();
        Call call = call();
        String recorder = hostOf(call);
        List<String> due = withMedia(rows.insert(call.id(), recorder, 120, "READY", now.minus(Duration.ofDays(1)), false));
        // Chunks of 25: two commit, the third fails after 20 of its blobs are gone.
        store.failAfter(70);
        Properties parameters = new Properties();
        parameters.setProperty(PurgeJob.AS_OF, now.toString());
        parameters.setProperty(PurgeJob.STARTED_BY, "test");
        parameters.setProperty("chunkSize", "25");
        long first = BatchRuntime.getJobOperator().start(PurgeJob.NAME, parameters);

        PurgeRun failed = finished(first);

        assertThat(failed.status()).as("%s", failed).isEqualTo("FAILED");
        Map<String, RecordingRows.Row> interrupted = rows.rows(due);
        assertThat(interrupted.values()).filteredOn(row -> row.status().equals("DELETED")).hasSize(50);
        assertThat(interrupted.values()).filteredOn(row -> row.status().equals("EXPIRED")).hasSize(70);
        assertConsistent(interrupted);

        List<Long> restarted = runs.restartInterrupted();

        assertThat(restarted).hasSize(1);
        PurgeRun completed = finished(restarted.get(0));
        assertThat(completed.status()).as("%s", completed).isEqualTo("COMPLETED");
        assertThat(completed.restartOf()).isEqualTo(first);
        Map<String, RecordingRows.Row> after = rows.rows(due);
        assertThat(after.values()).allSatisfy(row -> {
            assertThat(row.status()).isEqualTo("DELETED");
            assertThat(row.deletedReason()).isEqualTo("RETENTION");
        });
        assertConsistent(after);
        assertThat(completed.counts()).containsEntry(PurgeJob.EXPIRED, 120L)
                .containsEntry(PurgeJob.DELETED, 120L)
                .containsEntry(PurgeJob.MISSING_BLOBS, 20L);
        for (String id : due) {
            assertThat(store.removalsOf(id)).as("blob removals of %s", id).isEqualTo(1);
            assertThat(rows.events(call.id(), "RECORDING_DELETED", id)).as("deletions of %s", id).isEqualTo(1);
            assertThat(auditEntries(AuditAction.RECORDING_PURGED, id)).as("purge entries of %s", id).hasSize(1);
        }
        assertThat(purgeAnnouncements(webhook, failed.instanceId())).as("announced once, by the restart")
                .singleElement().satisfies(data -> {
                    assertThat(data.getJsonNumber("recordingsDeleted").longValueExact()).isEqualTo(120);
                    assertThat(data.getJsonNumber("missingBlobs").longValueExact()).isEqualTo(20);
                    assertThat(data.getJsonNumber("executionId").longValueExact()).isEqualTo(completed.executionId());
                });
        List<String> announced = recordingDeletedAnnouncements(webhook);
        assertThat(announced).containsAll(due).doesNotHaveDuplicates();
        assertThat(audit.verify(admin, Optional.empty()).valid()).isTrue();
    }

    @Test
    void aRunOfTheScheduleIsAuditedAsKaiwasOwnAcrossOrganizations() {
        PurgeRun run = finished(runs.start(Optional.empty()));

        assertThat(run.startedBy()).isEqualTo("system");
        assertThat(rows.systemAuditEntries("PURGE_RUN_STARTED", Long.toString(run.executionId()))).isEqualTo(1);
        assertThat(auditEntries(AuditAction.PURGE_RUN_STARTED, Long.toString(run.executionId())))
                .as("listed to no organization").isEmpty();
    }

    @Test
    void anAnnouncementInterruptedInTheLastStepIsMadeOnceByTheRestart() {
        String suffix = UUID.randomUUID().toString();
        List<Caller> admins = new ArrayList<>();
        List<Webhook> subscriptions = new ArrayList<>();
        for (String organization : List.of("announce-a-" + suffix, "announce-b-" + suffix)) {
            Caller organizationHost = new Caller("host-" + UUID.randomUUID(), organization, Set.of(Caller.HOST),
                    "Hana Host", null);
            Caller organizationAdmin = new Caller("admin-" + UUID.randomUUID(), organization, Set.of(Caller.ADMIN),
                    "Ada Admin", null);
            Call call = calls.createCall(organizationHost, Fixtures.call(Fixtures.inAnHour(), 4), Optional.empty())
                    .call();
            String recorder = participants.listParticipants(Fixtures.actor(organizationHost), call.id(), Optional.empty())
                    .get(0).id();
            withMedia(rows.insert(organization, call.id(), recorder, 2, "READY", now.minus(Duration.ofDays(1)), false));
            admins.add(organizationAdmin);
            subscriptions.add(webhooks.createWebhook(organizationAdmin, new WebhookDraft(
                    "https://purge-receiver.invalid/hooks", List.of("purge.completed"), null, true, null)));
        }
        // One organization per chunk: the first commits with its checkpoint, the second fails.
        interruption.failOnceFor(admins.get(1).organization());
        Properties parameters = new Properties();
        parameters.setProperty(PurgeJob.AS_OF, now.toString());
        parameters.setProperty(PurgeJob.STARTED_BY, "test");
        parameters.setProperty("chunkSize", "1");
        long first = BatchRuntime.getJobOperator().start(PurgeJob.NAME, parameters);

        PurgeRun failed = finished(first);

        assertThat(failed.status()).as("%s", failed).isEqualTo("FAILED");
        assertThat(failed.steps()).extracting(PurgeRun.Step::name).last().isEqualTo(PurgeJob.STEP_ANNOUNCE);
        assertThat(purgeAnnouncements(admins.get(0), subscriptions.get(0), failed.instanceId())).hasSize(1);
        assertThat(purgeAnnouncements(admins.get(1), subscriptions.get(1), failed.instanceId())).isEmpty();

        PurgeRun completed = finished(restart(first, parameters));

        assertThat(completed.status()).as("%s", completed).isEqualTo("COMPLETED");
        for (int i = 0; i < 2; i++) {
            assertThat(purgeAnnouncements(admins.get(i), subscriptions.get(i), failed.instanceId()))
                    .as("announcements to %s", admins.get(i).organization()).singleElement()
                    .satisfies(data -> assertThat(data.getJsonNumber("recordingsDeleted").longValueExact()).isEqualTo(2));
        }
        assertThat(completed.counts()).containsEntry(PurgeJob.ORGANIZATIONS_ANNOUNCED, 2L);
    }

    /**
     * Restarts the failed execution, or follows the restart the server's own recovery made first (it restarts
     * failed runs once, shortly after the deployment started).
     */
    private static long restart(long failedExecution, Properties parameters) {
        JobOperator operator = BatchRuntime.getJobOperator();
        try {
            return operator.restart(failedExecution, parameters);
        }
        catch (JobExecutionNotMostRecentException e) {
            return operator.getJobExecutions(operator.getJobInstance(failedExecution)).stream()
                    .mapToLong(JobExecution::getExecutionId).max().orElseThrow();
        }
    }

    /** An active subscription of the organization to purge.completed and recording.deleted (nothing receives them). */
    private Webhook subscribedToPurges() {
        return webhooks.createWebhook(admin, new WebhookDraft("https://purge-receiver.invalid/hooks",
                List.of("purge.completed", "recording.deleted"), null, true, null));
    }

    /** The data of the purge.completed events the subscription got for the job instance. */
    private List<JsonObject> purgeAnnouncements(Webhook webhook, long instanceId) {
        return purgeAnnouncements(admin, webhook, instanceId);
    }

    private List<JsonObject> purgeAnnouncements(Caller reader, Webhook webhook, long instanceId) {
        return payloads(reader, webhook, "purge.completed").stream()
                .map(body -> body.getJsonObject("data"))
                .filter(data -> data.getJsonNumber("instanceId").longValueExact() == instanceId)
                .toList();
    }

    /** The recording ids of the recording.deleted events the subscription got. */
    private List<String> recordingDeletedAnnouncements(Webhook webhook) {
        return payloads(admin, webhook, "recording.deleted").stream()
                .map(body -> body.getJsonObject("data").getString("recordingId"))
                .toList();
    }

    private List<JsonObject> payloads(Caller reader, Webhook webhook, String type) {
        List<JsonObject> bodies = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            var page = webhooks.listDeliveries(reader, webhook.id(), Optional.empty(), cursor, 100);
            for (WebhookDelivery delivery : page.items()) {
                JsonObject body = Json.createReader(new StringReader(delivery.payload())).readObject();
                if (body.getString("type").equals(type)) {
                    bodies.add(body);
                }
            }
            cursor = page.nextCursor();
        }
        while (cursor.isPresent());
        return bodies;
    }

    private List<AuditEntry> auditEntries(AuditAction action, String resourceId) {
        return audit.list(admin, new AuditFilter(Optional.of(action), Optional.empty(), Optional.of(resourceId),
                Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty(), 100).items();
    }

    /** No READY row without its blob, no blob without a row that still expects it. */
    private void assertConsistent(Map<String, RecordingRows.Row> rowsById) {
        for (RecordingRows.Row row : rowsById.values()) {
            if (row.status().equals("READY")) {
                assertThat(store.hasMedia(row.id())).as("READY %s has its blob", row.id()).isTrue();
            }
            if (row.status().equals("DELETED")) {
                assertThat(store.hasMedia(row.id())).as("DELETED %s has no blob", row.id()).isFalse();
            }
        }
        assertThat(rowsById.keySet()).containsAll(store.recordingsWithMedia());
    }

    private PurgeRun finished(long executionId) {
        Eventually.await("purge run " + executionId + " to finish", RUN_TIMEOUT, () -> runs.find(executionId)
                .map(run -> run.endedAt() != null).orElse(false));
        return runs.find(executionId).orElseThrow();
    }

    private Call call() {
        return calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 4), Optional.empty()).call();
    }

    private String hostOf(Call call) {
        return participants.listParticipants(hostActor, call.id(), Optional.empty()).get(0).id();
    }

    private List<String> withMedia(List<String> ids) {
        ids.forEach(id -> store.putMedia(id, ("media of " + id + "........................").substring(0, 64)
                .getBytes(StandardCharsets.US_ASCII)));
        return ids;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
