package dev.kaiwa.recording;

import static dev.kaiwa.shared.DomainAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kaiwa.TestingServices;
import dev.kaiwa.audit.AuditEntry;
import dev.kaiwa.audit.AuditFilter;
import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallDraft;
import dev.kaiwa.call.CallSettings;
import dev.kaiwa.call.CallType;
import dev.kaiwa.call.TestingCallServices;
import dev.kaiwa.consent.jpa.TestingJpaConsentRepository;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.recording.jpa.TestingJpaRecordingRepository;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FakeClock;
import dev.kaiwa.shared.FakeEvent;
import dev.kaiwa.shared.TestDatabase;
import dev.kaiwa.shared.TestDatabase.TestTransaction;
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

/**
 * What legal holds, manual deletion and the purge's deletion write besides the recording itself, on a real
 * database: the audit trail's entries (who, why, from where) and the {@link RecordingChanged} that webhooks
 * announce as {@code recording.deleted}, all in the transaction of the change; refusals write nothing. Every
 * test is rolled back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordingDeletionDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00.000001Z");
    private static final Caller ALICE = new Caller("alice", "acme", Set.of(Caller.HOST), "Alice", null);
    private static final Caller ACME_ADMIN = new Caller("carol", "acme", Set.of(Caller.ADMIN), "Carol", null);
    private static final Caller ACME_AUDITOR = new Caller("dave", "acme", Set.of(Caller.AUDITOR), "Dave", null);
    private static final Caller GLOBEX_ADMIN = new Caller("erin", "globex", Set.of(Caller.ADMIN), "Erin", null);

    private TestDatabase database;
    private TestTransaction transaction;
    private FakeClock clock;
    private TestingServices services;
    private RecordingRepository recordings;
    private FakeEvent<RecordingChanged> changed;
    private RecordingService service;
    private RecordingRemoval removal;
    private Call call;
    private Participant host;

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
        services = new TestingServices(transaction.entityManager(), clock);
        recordings = TestingJpaRecordingRepository.create(transaction.entityManager());
        changed = new FakeEvent<>();
        service = TestingRecordingServices.recordingService(recordings, services.calls(),
                TestingCallServices.callAccess(services.calls(), services.participants()), services.participants(),
                TestingJpaConsentRepository.create(transaction.entityManager()), services.signer(), changed,
                services.auditTrail(), clock);
        removal = TestingRecordingServices.recordingRemoval(recordings, services.calls(), services.auditTrail(), changed,
                clock);
        call = services.callService().createCall(ALICE, new CallDraft("Interview", CallType.VIDEO, null, 10,
                CallSettings.defaults(), null, null, null), Optional.empty()).call();
        transaction.entityManager().flush();
        host = services.participants().list(call.id(), Optional.empty()).get(0);
    }

    @AfterEach
    void rollBack() {
        transaction.close();
    }

    @Test
    void legalHoldPlacedAndClearedByAnAdminIsAuditedWithTheReason() {
        Recording recording = ready();

        service.placeLegalHold(admin(), recording.id(), "Litigation 2026-17");
        service.clearLegalHold(admin(), recording.id(), "settled");
        service.clearLegalHold(admin(), recording.id(), "again");

        List<AuditEntry> trail = trail();
        assertThat(trail).extracting(AuditEntry::action).containsExactly("LEGAL_HOLD_SET", "LEGAL_HOLD_CLEARED");
        assertThat(trail).allSatisfy(entry -> {
            assertThat(entry.actorType()).isEqualTo("USER");
            assertThat(entry.actorId()).contains("carol");
            assertThat(entry.actorRole()).contains(Caller.ADMIN);
            assertThat(entry.organization()).contains("acme");
            assertThat(entry.resourceType()).isEqualTo("RECORDING");
            assertThat(entry.resourceId()).contains(recording.id());
            assertThat(entry.clientAddress()).contains(TestingServices.CLIENT_ADDRESS);
            assertThat(entry.details()).containsEntry("callId", call.id());
        });
        assertThat(trail).extracting(entry -> entry.details().get("reason")).containsExactly("Litigation 2026-17",
                "settled");
    }

    @Test
    void aReasonLongerThanADetailIsCutInTheTrailAndKeptWholeOnTheRecording() {
        Recording recording = ready();
        String reason = "Case 4711: " + "x".repeat(480);

        service.placeLegalHold(admin(), recording.id(), reason);

        String audited = trail().get(0).details().get("reason");
        assertThat(audited).hasSize(255).startsWith("Case 4711: xxx").endsWith("\u2026");
        assertThat(recordings.find(recording.id()).orElseThrow().legalHoldReason()).contains(reason);
    }

    @Test
    void refusedLegalHoldsWriteNothing() {
        Recording recording = ready();

        assertRefused(ErrorCode.FORBIDDEN, () -> service.placeLegalHold(new Actor.User(ALICE), recording.id(), "mine"));
        assertRefused(ErrorCode.RECORDING_NOT_FOUND,
                () -> service.placeLegalHold(new Actor.User(GLOBEX_ADMIN), recording.id(), "theirs"));

        assertThat(trail()).isEmpty();
        assertThat(recordings.find(recording.id()).orElseThrow().legalHold()).isFalse();
    }

    @Test
    void manualDeleteIsAuditedAndAnnouncedOnce() {
        Recording recording = ready();
        Instant deletedAt = clock.advance(Duration.ofHours(1));

        service.markDeleted(new Actor.User(ALICE), recording.id());
        service.markDeleted(new Actor.User(ALICE), recording.id());

        assertThat(trail()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("RECORDING_DELETED");
            assertThat(entry.actorId()).contains("alice");
            assertThat(entry.resourceId()).contains(recording.id());
            assertThat(entry.clientAddress()).contains(TestingServices.CLIENT_ADDRESS);
            assertThat(entry.details()).containsEntry("reason", "MANUAL").containsEntry("from", "READY")
                    .containsEntry("callId", call.id());
            assertThat(entry.occurredAt()).isEqualTo(deletedAt);
        });
        assertThat(changed.fired()).extracting(event -> event.recording().id(), event -> event.recording().status())
                .containsExactly(tuple(recording.id(), RecordingStatus.DELETED));
        Recording stored = recordings.find(recording.id()).orElseThrow();
        assertThat(stored.deletedReason()).contains(DeletionReason.MANUAL);
        assertThat(stored.awaitsMediaRemoval()).as("the blob goes after the commit").isTrue();
    }

    @Test
    void deletingAHeldRecordingIsRefusedAndWritesNoDeletion() {
        Recording recording = ready();
        service.placeLegalHold(admin(), recording.id(), "Litigation 2026-17");

        assertRefused(ErrorCode.LEGAL_HOLD_ACTIVE, () -> service.markDeleted(admin(), recording.id()));

        assertThat(trail()).extracting(AuditEntry::action).containsExactly("LEGAL_HOLD_SET");
        assertThat(changed.fired()).isEmpty();
    }

    @Test
    void purgedRecordingIsAuditedAsKaiwasOwnNamingTheRunAndAnnounced() {
        Recording recording = ready();
        Instant due = recording.expiresAt().orElseThrow();
        clock.set(due.plusSeconds(1));
        assertThat(removal.expire(recording.id(), due)).isTrue();
        Recording locked = removal.lockForMediaRemoval(recording.id()).orElseThrow();

        boolean deleted = removal.purged(locked, Map.of("jobExecutionId", 7L, "jobInstanceId", 3L));

        assertThat(deleted).isTrue();
        assertThat(trail()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("RECORDING_PURGED");
            assertThat(entry.actorType()).isEqualTo("SYSTEM");
            assertThat(entry.actorId()).isEmpty();
            assertThat(entry.organization()).contains("acme");
            assertThat(entry.resourceId()).contains(recording.id());
            assertThat(entry.details()).containsEntry("reason", "RETENTION").containsEntry("from", "EXPIRED")
                    .containsEntry("jobExecutionId", "7").containsEntry("jobInstanceId", "3")
                    .containsEntry("callId", call.id());
        });
        assertThat(changed.fired()).extracting(event -> event.recording().status())
                .containsExactly(RecordingStatus.DELETED);
        Recording stored = recordings.find(recording.id()).orElseThrow();
        assertThat(stored.deletedReason()).contains(DeletionReason.RETENTION);
        assertThat(stored.storageKey()).isEmpty();
    }

    @Test
    void purgeFinishingAnInterruptedManualDeleteWritesNoSecondEntry() {
        Recording recording = ready();
        service.markDeleted(new Actor.User(ALICE), recording.id());
        Recording locked = removal.lockForMediaRemoval(recording.id()).orElseThrow();

        boolean deleted = removal.purged(locked, Map.of("jobExecutionId", 8L));

        assertThat(deleted).isFalse();
        assertThat(trail()).extracting(AuditEntry::action).containsExactly("RECORDING_DELETED");
        assertThat(changed.fired()).hasSize(1);
        Recording stored = recordings.find(recording.id()).orElseThrow();
        assertThat(stored.deletedReason()).contains(DeletionReason.MANUAL);
        assertThat(stored.storageKey()).isEmpty();
    }

    private Recording ready() {
        Recording recording = new Recording(call.id(), "acme", RecordingKind.COMPOSITE, null, host.id(),
                RecordingFormat.WEBM, RecordingQuality.MEDIUM, false, "user:alice", clock.instant());
        recordings.add(recording);
        recording.started(clock.instant());
        recording.stop(StopReason.REQUESTED, clock.instant().plusSeconds(60));
        recording.ready(Recording.mediaKey(recording.id()), 1_000, 59_000, "ab".repeat(32),
                clock.instant().plus(Duration.ofDays(30)), clock.instant().plusSeconds(90));
        transaction.entityManager().flush();
        return recording;
    }

    private static Actor admin() {
        return new Actor.User(ACME_ADMIN);
    }

    /** The organization's trail, oldest first. */
    private List<AuditEntry> trail() {
        List<AuditEntry> entries = new ArrayList<>(services.auditTrail().list(ACME_AUDITOR, AuditFilter.none(),
                Optional.empty(), 100).items());
        Collections.reverse(entries);
        return entries;
    }
}
