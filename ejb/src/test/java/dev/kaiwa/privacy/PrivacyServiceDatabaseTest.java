package dev.kaiwa.privacy;

import static dev.kaiwa.shared.DomainAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kaiwa.TestingServices;
import dev.kaiwa.audit.AuditEntry;
import dev.kaiwa.audit.AuditFilter;
import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallDraft;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallEventType;
import dev.kaiwa.call.CallSettings;
import dev.kaiwa.call.CallType;
import dev.kaiwa.chat.ChatMessage;
import dev.kaiwa.chat.ChatTemplate;
import dev.kaiwa.consent.Consent;
import dev.kaiwa.consent.ConsentChannel;
import dev.kaiwa.consent.ConsentNotice;
import dev.kaiwa.consent.ConsentPurpose;
import dev.kaiwa.consent.ConsentRepository;
import dev.kaiwa.consent.jpa.TestingJpaConsentRepository;
import dev.kaiwa.invite.Invite;
import dev.kaiwa.invite.InviteDraft;
import dev.kaiwa.invite.IssuedInvite;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.privacy.jpa.TestingJpaPrivacyRepository;
import dev.kaiwa.recording.DeletionReason;
import dev.kaiwa.recording.Recording;
import dev.kaiwa.recording.RecordingChanged;
import dev.kaiwa.recording.RecordingChunk;
import dev.kaiwa.recording.RecordingFormat;
import dev.kaiwa.recording.RecordingKind;
import dev.kaiwa.recording.RecordingQuality;
import dev.kaiwa.recording.RecordingRepository;
import dev.kaiwa.recording.RecordingStatus;
import dev.kaiwa.recording.StopReason;
import dev.kaiwa.recording.TestingRecordingServices;
import dev.kaiwa.recording.jpa.TestingJpaRecordingRepository;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FakeClock;
import dev.kaiwa.shared.FakeEvent;
import dev.kaiwa.shared.TestDatabase;
import dev.kaiwa.shared.TestDatabase.TestTransaction;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
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
 * Data-subject exports and erasures on a real database, in a call where a host, an SSO user invited by e-mail
 * and a guest took part, consented, chatted and were recorded; beside it a call of another organization
 * with a participant of the same SSO subject. Every test runs in a rolled-back transaction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivacyServiceDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00.000001Z");
    private static final Caller ALICE = new Caller("alice", "acme", Set.of(Caller.HOST), "Alice", "alice@acme.test");
    private static final Caller BOB = new Caller("bob", "acme", Set.of(Caller.USER), "Bob", "Bob@Acme.test");
    private static final Caller ACME_ADMIN = new Caller("carol", "acme", Set.of(Caller.ADMIN), "Carol", null);
    private static final Caller ACME_AUDITOR = new Caller("dave", "acme", Set.of(Caller.AUDITOR), "Dave", null);
    private static final Caller GLOBEX_HOST = new Caller("gina", "globex", Set.of(Caller.HOST), "Gina", null);
    private static final Caller GLOBEX_ADMIN = new Caller("gus", "globex", Set.of(Caller.ADMIN), "Gus", null);
    private static final ConsentNotice NOTICE = new ConsentNotice(ConsentPurpose.RECORDING, "2026-1", "en",
            "This call is recorded.");

    private TestDatabase database;
    private TestTransaction transaction;
    private EntityManager entityManager;
    private FakeClock clock;
    private TestingServices services;
    private ConsentRepository consents;
    private RecordingRepository recordings;
    private FakeEvent<RecordingChanged> recordingChanged;
    private FakeEvent<RecordingsErased> recordingsErased;
    private FakeEvent<RecordingChanged> removalChanged;
    private PrivacyService privacy;
    private FakeRecordingStore store;
    private ErasedRecordingsListener mediaRemoval;

    private String callId;
    private Participant host;
    private Participant bob;
    private Participant guest;
    private Invite bobsInvite;
    private Invite guestsInvite;
    private Participant bobElsewhere;

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
        entityManager = transaction.entityManager();
        clock = new FakeClock(T0);
        services = new TestingServices(entityManager, clock);
        consents = TestingJpaConsentRepository.create(entityManager);
        recordings = TestingJpaRecordingRepository.create(entityManager);
        recordingChanged = new FakeEvent<>();
        recordingsErased = new FakeEvent<>();
        privacy = TestingPrivacyServices.privacyService(TestingJpaPrivacyRepository.create(entityManager), consents,
                recordings, services.calls(), recordingChanged, recordingsErased, services.auditTrail(), clock);
        store = new FakeRecordingStore();
        removalChanged = new FakeEvent<>();
        mediaRemoval = TestingPrivacyServices.erasedRecordingsListener(store,
                TestingRecordingServices.recordingRemoval(recordings, services.calls(), services.auditTrail(),
                        removalChanged, clock));
        interviewWithBobAndAGuest();
    }

    @AfterEach
    void rollBack() {
        transaction.close();
    }

    /** Alice hosts from T0, Bob (invited by e-mail) joins at +1 min, the guest Hanako at +2 min. */
    private void interviewWithBobAndAGuest() {
        callId = createCall(ALICE);
        host = services.joinService().joinAsUser(ALICE, callId).participant();
        bobsInvite = invite(callId, "Bob from Sales", "bob@acme.test").invite();
        clock.set(T0.plus(Duration.ofMinutes(1)));
        bob = services.joinService().joinAsUser(BOB, callId).participant();
        IssuedInvite hanako = invite(callId, "Hanako Yamada", "Hanako@Example.com");
        guestsInvite = hanako.invite();
        clock.set(T0.plus(Duration.ofMinutes(2)));
        guest = services.joinService().joinWithInvite(hanako.token(), callId).participant();
        clock.set(T0.plus(Duration.ofMinutes(3)));
        // Rows without JPA relations are written in no particular order: participants first, then what refers to them.
        entityManager.flush();
        consent(host);
        consent(bob);
        consent(guest);
        chat(host, "Welcome, Bob");
        chat(bob, "Thanks, my number is 090-1234-5678");
        chat(guest, "Hello from Hanako");

        String globexCall = createCall(GLOBEX_HOST);
        bobElsewhere = Participant.forUser(globexCall, "bob", "acme", "Bob", "bob@acme.test",
                ParticipantRole.PARTICIPANT, clock.instant());
        services.participants().add(bobElsewhere);
        bobElsewhere.startJoining(clock.instant());
        entityManager.flush();
        chat(bobElsewhere, "Bob at Globex");
        entityManager.flush();
    }

    // ---------------------------------------------------------------- export

    @Test
    void exportBySubjectHoldsEverythingOfThePersonInTheOrganization() {
        Recording own = individual(bob, minutes(4), minutes(5));
        Recording withBob = composite(minutes(6), minutes(8));
        Recording beforeBob = composite(Duration.ofSeconds(10), Duration.ofSeconds(30));
        Recording hostsOwn = individual(host, minutes(4), minutes(5));
        Recording elsewhere = individual(bobElsewhere, minutes(4), minutes(5));
        transaction.flushAndClear();

        PersonalData data = privacy.export(ACME_ADMIN, DataSubject.bySubject("bob"));

        assertThat(data.organization()).isEqualTo("acme");
        assertThat(data.participations()).extracting(Participant::id).containsExactly(bob.id());
        assertThat(data.calls()).singleElement().satisfies(call -> {
            assertThat(call.call().id()).isEqualTo(callId);
            assertThat(call.participantIds()).containsExactly(bob.id());
            assertThat(call.createdByThem()).isFalse();
        });
        assertThat(data.invites()).extracting(Invite::id).as("addressed to Bob's e-mail").containsExactly(bobsInvite.id());
        assertThat(data.consents()).extracting(Consent::participantId).containsExactly(bob.id());
        assertThat(data.chatMessages()).extracting(ChatMessage::text).containsExactly("Thanks, my number is 090-1234-5678");
        assertThat(data.chatTemplates()).isEmpty();
        assertThat(data.events()).isNotEmpty().allSatisfy(event -> {
            assertThat(event.callId()).isEqualTo(callId);
            assertThat(event.participantId().orElse(null) + " " + event.actor().orElse(null)).contains(bob.id());
        });
        assertThat(data.events()).extracting(CallEvent::type).contains(CallEventType.JOINED);
        assertThat(data.recordings()).extracting(involved -> involved.recording().id(), InvolvedRecording::relation)
                .containsExactly(tuple(own.id(), RecordingRelation.OF_THEM),
                        tuple(withBob.id(), RecordingRelation.APPEARS_IN));
        assertThat(data.recordings()).extracting(involved -> involved.recording().id())
                .doesNotContain(beforeBob.id(), hostsOwn.id(), elsewhere.id());
    }

    @Test
    void exportOfAHostHasTheCallsTheyCreatedAndTheirChatTemplates() {
        String unjoined = createCall(ALICE);
        ChatTemplate template = new ChatTemplate("alice", "acme", "Greeting", "Welcome to the interview", T0);
        entityManager.persist(template);
        entityManager.persist(new ChatTemplate("gina", "globex", "Greeting", "Hi", T0));
        transaction.flushAndClear();

        PersonalData data = privacy.export(ACME_ADMIN, DataSubject.bySubject("alice"));

        assertThat(data.calls()).extracting(call -> call.call().id()).containsExactly(callId, unjoined);
        assertThat(data.calls()).allSatisfy(call -> assertThat(call.createdByThem()).isTrue());
        assertThat(data.calls().get(1).participantIds()).as("the creator's HOST place, never joined")
                .containsExactly(services.participants().findBySubject(unjoined, "alice").orElseThrow().id());
        assertThat(data.chatTemplates()).extracting(ChatTemplate::id).containsExactly(template.id());
        assertThat(data.events()).extracting(CallEvent::type).contains(CallEventType.CREATED, CallEventType.INVITE_CREATED);
    }

    @Test
    void exportByEmailFindsAGuestThroughTheirInviteWhateverTheCase() {
        Recording withEveryone = composite(minutes(6), minutes(8));
        transaction.flushAndClear();

        PersonalData data = privacy.export(ACME_ADMIN, DataSubject.byEmail("HANAKO@example.COM"));

        assertThat(data.participations()).extracting(Participant::id).containsExactly(guest.id());
        assertThat(data.invites()).extracting(Invite::id).containsExactly(guestsInvite.id());
        assertThat(data.chatMessages()).extracting(ChatMessage::text).containsExactly("Hello from Hanako");
        assertThat(data.consents()).extracting(Consent::participantId).containsExactly(guest.id());
        assertThat(data.recordings()).extracting(involved -> involved.recording().id()).containsExactly(withEveryone.id());
        assertThat(data.events()).extracting(CallEvent::actor).contains(Optional.of("invite:" + guestsInvite.id()));
    }

    @Test
    void adminOfAnotherOrganizationGetsAnEmptyExportAndErasesNothing() {
        composite(minutes(6), minutes(8));
        transaction.flushAndClear();

        PersonalData data = privacy.export(GLOBEX_ADMIN, DataSubject.bySubject("alice"));
        ErasureReport report = privacy.erase(GLOBEX_ADMIN, DataSubject.byEmail("hanako@example.com"));
        transaction.flushAndClear();

        assertThat(data.organization()).isEqualTo("globex");
        assertThat(data.participations()).isEmpty();
        assertThat(data.calls()).isEmpty();
        assertThat(data.invites()).isEmpty();
        assertThat(data.consents()).isEmpty();
        assertThat(data.chatMessages()).isEmpty();
        assertThat(data.events()).isEmpty();
        assertThat(data.recordings()).isEmpty();
        assertThat(report.items()).isEmpty();
        assertThat(stored(guest).displayName()).isEqualTo("Hanako Yamada");
        assertThat(recordingsErased.fired()).isEmpty();
    }

    @Test
    void personOfTheOrganizationOnlyElsewhereIsNotFound() {
        PersonalData data = privacy.export(GLOBEX_ADMIN, DataSubject.bySubject("bob"));

        assertThat(data.participations()).extracting(Participant::id).containsExactly(bobElsewhere.id());
        assertThat(data.chatMessages()).extracting(ChatMessage::text).containsExactly("Bob at Globex");
        assertThat(data.calls()).extracting(call -> call.call().organization()).containsOnly("globex");
    }

    @Test
    void onlyAdminsOfTheOrganizationHandleRequests() {
        assertRefused(ErrorCode.FORBIDDEN, () -> privacy.export(ALICE, DataSubject.bySubject("bob")));
        assertRefused(ErrorCode.FORBIDDEN, () -> privacy.export(ACME_AUDITOR, DataSubject.bySubject("bob")));
        assertRefused(ErrorCode.FORBIDDEN, () -> privacy.erase(ALICE, DataSubject.bySubject("bob")));
        assertRefused(ErrorCode.FORBIDDEN, () -> privacy.erase(BOB, DataSubject.bySubject("bob")));
    }

    @Test
    void exportIsAuditedWithTheSubjectAndWhatItHeld() {
        individual(bob, minutes(4), minutes(5));
        transaction.flushAndClear();

        PersonalData data = privacy.export(ACME_ADMIN, DataSubject.bySubject("bob"));

        assertThat(auditTrail(ACME_AUDITOR)).filteredOn(entry -> entry.action().equals("PRIVACY_EXPORT")).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actorId()).contains("carol");
                    assertThat(entry.actorRole()).contains(Caller.ADMIN);
                    assertThat(entry.resourceType()).isEqualTo("DATA_SUBJECT");
                    assertThat(entry.resourceId()).contains("bob");
                    assertThat(entry.details()).containsEntry("namedBy", "SUBJECT")
                            .containsEntry("participations", "1")
                            .containsEntry("recordings", Integer.toString(data.recordings().size()))
                            .containsEntry("chatMessages", "1");
                });
    }

    @Test
    void requestsByEmailAreAuditedUnderAHashOfTheAddressNeverTheAddress() {
        privacy.export(ACME_ADMIN, DataSubject.byEmail("Hanako@Example.com"));
        privacy.erase(ACME_ADMIN, DataSubject.byEmail("hanako@example.COM"));

        List<AuditEntry> trail = auditTrail(ACME_AUDITOR);
        String reference = "sha256:" + sha256Hex("hanako@example.com");
        assertThat(trail).filteredOn(entry -> entry.resourceType().equals("DATA_SUBJECT"))
                .extracting(AuditEntry::action, entry -> entry.resourceId().orElseThrow(),
                        entry -> entry.details().get("namedBy"))
                .containsExactlyInAnyOrder(tuple("PRIVACY_EXPORT", reference, "EMAIL"),
                        tuple("PRIVACY_ERASURE", reference, "EMAIL"));
        assertThat(trail.toString() + trail.stream().map(entry -> entry.details().toString()).toList())
                .doesNotContainIgnoringCase("hanako");
    }

    @Test
    void anotherOrganizationsRequestIsAuditedInItsOwnTrailOnly() {
        privacy.export(GLOBEX_ADMIN, DataSubject.bySubject("alice"));
        privacy.erase(GLOBEX_ADMIN, DataSubject.bySubject("alice"));

        assertThat(auditTrail(new Caller("gabe", "globex", Set.of(Caller.AUDITOR), "Gabe", null)))
                .extracting(AuditEntry::action).containsExactlyInAnyOrder("PRIVACY_EXPORT", "PRIVACY_ERASURE");
        assertThat(auditTrail(ACME_AUDITOR)).extracting(AuditEntry::action)
                .doesNotContain("PRIVACY_EXPORT", "PRIVACY_ERASURE");
    }

    // ---------------------------------------------------------------- erasure

    @Test
    void erasureDeletesTheirRecordingsKeepsHeldOnesAndAnonymizesTheRest() {
        Recording own = individual(bob, minutes(4), minutes(5));
        Recording withBob = composite(minutes(6), minutes(8));
        Recording held = composite(minutes(9), minutes(10));
        held.placeLegalHold("litigation 2026-17", "user:carol", clock.instant());
        Recording hostsOwn = individual(host, minutes(4), minutes(5));
        Instant erasedAt = clock.advance(Duration.ofHours(1));
        transaction.flushAndClear();

        ErasureReport report = privacy.erase(ACME_ADMIN, DataSubject.bySubject("bob"));
        transaction.flushAndClear();

        String bobsMessage = messages(bob).get(0).id();
        assertThat(report.erasedAt()).isEqualTo(erasedAt);
        assertThat(report.items()).containsExactly(
                new ErasedItem(ErasedItemType.RECORDING, own.id(), ErasureAction.DELETED),
                new ErasedItem(ErasedItemType.RECORDING, withBob.id(), ErasureAction.DELETED),
                new ErasedItem(ErasedItemType.RECORDING, held.id(), ErasureAction.KEPT_LEGAL_HOLD),
                new ErasedItem(ErasedItemType.PARTICIPANT, bob.id(), ErasureAction.ANONYMIZED),
                new ErasedItem(ErasedItemType.INVITE, bobsInvite.id(), ErasureAction.ANONYMIZED),
                new ErasedItem(ErasedItemType.CHAT_MESSAGE, bobsMessage, ErasureAction.ANONYMIZED));
        for (Recording deleted : List.of(own, withBob)) {
            Recording stored = recordings.find(deleted.id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(RecordingStatus.DELETED);
            assertThat(stored.deletedReason()).contains(DeletionReason.ERASURE);
            assertThat(stored.deletedAt()).contains(erasedAt);
            assertThat(stored.awaitsMediaRemoval()).as("the blob goes after the commit").isTrue();
        }
        assertThat(services.calls().events(callId, Optional.empty(), 500)).filteredOn(event ->
                        event.type() == CallEventType.RECORDING_DELETED)
                .extracting(event -> event.detail().orElseThrow(), event -> event.actor().orElseThrow())
                .containsExactlyInAnyOrder(tuple("recording " + own.id() + ": ERASURE", "user:carol"),
                        tuple("recording " + withBob.id() + ": ERASURE", "user:carol"));
        Recording keptHeld = recordings.find(held.id()).orElseThrow();
        assertThat(keptHeld.status()).isEqualTo(RecordingStatus.READY);
        assertThat(keptHeld.storageKey()).isPresent();
        assertThat(recordings.find(hostsOwn.id()).orElseThrow().status()).isEqualTo(RecordingStatus.READY);
        assertThat(recordingsErased.fired()).containsExactly(new RecordingsErased(List.of(own.id(), withBob.id())));
        assertThat(recordingChanged.fired()).extracting(changed -> changed.recording().id(),
                        changed -> changed.recording().status())
                .containsExactly(tuple(own.id(), RecordingStatus.DELETED),
                        tuple(withBob.id(), RecordingStatus.DELETED));
        List<AuditEntry> trail = auditTrail(ACME_AUDITOR);
        assertThat(trail).filteredOn(entry -> entry.action().equals("RECORDING_DELETED"))
                .extracting(entry -> entry.resourceId().orElseThrow(), entry -> entry.actorId().orElseThrow(),
                        entry -> entry.details().get("reason"), entry -> entry.details().get("callId"))
                .containsExactlyInAnyOrder(tuple(own.id(), "carol", "ERASURE", callId),
                        tuple(withBob.id(), "carol", "ERASURE", callId));
        assertThat(trail).filteredOn(entry -> entry.action().equals("PRIVACY_ERASURE")).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actorType()).isEqualTo("USER");
                    assertThat(entry.actorId()).contains("carol");
                    assertThat(entry.resourceType()).isEqualTo("DATA_SUBJECT");
                    assertThat(entry.resourceId()).contains("bob");
                    assertThat(entry.organization()).contains("acme");
                    assertThat(entry.clientAddress()).contains(TestingServices.CLIENT_ADDRESS);
                    assertThat(entry.details()).containsExactlyInAnyOrderEntriesOf(Map.of("namedBy", "SUBJECT",
                            "recordingDeleted", "2", "recordingKeptLegalHold", "1", "participantAnonymized", "1",
                            "inviteAnonymized", "1", "chatMessageAnonymized", "1"));
                });
        assertThat(trail).as("no entry for the recording kept under legal hold")
                .noneMatch(entry -> entry.resourceId().equals(Optional.of(held.id())));

        Participant erased = stored(bob);
        assertThat(erased.displayName()).isEqualTo(Erasure.ERASED_NAME);
        assertThat(erased.subject()).isEmpty();
        assertThat(erased.email()).isEmpty();
        assertThat(erased.role()).isEqualTo(ParticipantRole.PARTICIPANT);
        Invite erasedInvite = services.invites().find(callId, bobsInvite.id()).orElseThrow();
        assertThat(erasedInvite.email()).isEmpty();
        assertThat(erasedInvite.displayName()).isEqualTo(Erasure.ERASED_NAME);
        assertThat(messages(bob)).singleElement().satisfies(message -> {
            assertThat(message.text()).isEqualTo(Erasure.ERASED_TEXT);
            assertThat(message.displayName()).isEqualTo(Erasure.ERASED_NAME);
        });
        assertThat(messages(host)).extracting(ChatMessage::text).containsExactly("Welcome, Bob");
        assertThat(stored(guest).displayName()).isEqualTo("Hanako Yamada");
        assertThat(consents.ofParticipants(List.of(bob.id()))).as("the ledger is kept as evidence").hasSize(1);
        Participant untouchedElsewhere = services.participants().find(bobElsewhere.callId(), bobElsewhere.id())
                .orElseThrow();
        assertThat(untouchedElsewhere.subject()).contains("bob");
        assertThat(messages(bobElsewhere)).extracting(ChatMessage::text).containsExactly("Bob at Globex");
    }

    @Test
    void afterTheCommitTheBlobsGoAndTheRowsSayTheirMediaIsGone() {
        Recording own = individual(bob, minutes(4), minutes(5));
        Recording withBob = composite(minutes(6), minutes(8));
        Recording hostsOwn = individual(host, minutes(4), minutes(5));
        List.of(own, withBob, hostsOwn).forEach(recording -> store.store(recording.id()));
        transaction.flushAndClear();
        privacy.erase(ACME_ADMIN, DataSubject.bySubject("bob"));
        transaction.flushAndClear();

        mediaRemoval.erased(recordingsErased.fired().get(0));
        transaction.flushAndClear();

        assertThat(store.deleted()).containsExactly(own.id(), withBob.id());
        assertThat(store.holds(hostsOwn.id())).isTrue();
        for (Recording erased : List.of(own, withBob)) {
            Recording stored = recordings.find(erased.id()).orElseThrow();
            assertThat(stored.storageKey()).as("no media left").isEmpty();
            assertThat(stored.awaitsMediaRemoval()).isFalse();
        }
    }

    @Test
    void aBlobThatCannotBeDeletedIsLeftForThePurgeAndTheOthersStillGo() {
        Recording own = individual(bob, minutes(4), minutes(5));
        Recording withBob = composite(minutes(6), minutes(8));
        store.store(own.id());
        store.store(withBob.id());
        store.failDeleting(own.id());
        transaction.flushAndClear();
        privacy.erase(ACME_ADMIN, DataSubject.bySubject("bob"));
        transaction.flushAndClear();

        mediaRemoval.erased(recordingsErased.fired().get(0));
        transaction.flushAndClear();

        assertThat(store.deleted()).containsExactly(withBob.id());
        assertThat(recordings.find(own.id()).orElseThrow().awaitsMediaRemoval()).as("for the purge job").isTrue();
        assertThat(recordings.find(withBob.id()).orElseThrow().storageKey()).isEmpty();
    }

    @Test
    void secondErasureFindsNothingLeftAndChangesNothing() {
        individual(bob, minutes(4), minutes(5));
        transaction.flushAndClear();
        privacy.erase(ACME_ADMIN, DataSubject.bySubject("bob"));
        transaction.flushAndClear();

        ErasureReport again = privacy.erase(ACME_ADMIN, DataSubject.bySubject("bob"));
        ErasureReport byAddress = privacy.erase(ACME_ADMIN, DataSubject.byEmail("bob@acme.test"));

        assertThat(again.items()).isEmpty();
        assertThat(byAddress.items()).isEmpty();
        assertThat(recordingsErased.fired()).hasSize(1);
        PersonalData data = privacy.export(ACME_ADMIN, DataSubject.bySubject("bob"));
        assertThat(data.participations()).isEmpty();
        assertThat(data.recordings()).isEmpty();
    }

    @Test
    void recordingStillBeingMadeFailsAndIsDeleted() {
        Recording running = new Recording(callId, "acme", RecordingKind.COMPOSITE, null, host.id(), RecordingFormat.WEBM,
                RecordingQuality.LOW, false, "user:alice", minutes(6));
        running.started(minutes(6));
        recordings.add(running);
        entityManager.flush();
        recordings.addChunk(new RecordingChunk(running.id(), 0, 1024, "b".repeat(64), minutes(7)));
        transaction.flushAndClear();

        ErasureReport report = privacy.erase(ACME_ADMIN, DataSubject.byEmail("hanako@example.com"));
        transaction.flushAndClear();

        assertThat(report.items()).contains(new ErasedItem(ErasedItemType.RECORDING, running.id(), ErasureAction.DELETED));
        Recording stored = recordings.find(running.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RecordingStatus.DELETED);
        assertThat(stored.failureReason()).contains(PrivacyService.ERASED_WHILE_UNFINISHED);
        assertThat(recordings.chunks(running.id())).isEmpty();
        assertThat(recordingChanged.fired()).singleElement()
                .satisfies(changed -> assertThat(changed.recording().status()).isEqualTo(RecordingStatus.DELETED));
        assertThat(services.calls().events(callId, Optional.empty(), 500)).extracting(CallEvent::type)
                .contains(CallEventType.RECORDING_FAILED);
    }

    @Test
    void recordingDeletedBeforeIsReportedAsAlreadyErasedAndItsMediaGoesAgain() {
        Recording expired = composite(minutes(6), minutes(8));
        expired.delete(DeletionReason.RETENTION, minutes(60));
        transaction.flushAndClear();

        ErasureReport report = privacy.erase(ACME_ADMIN, DataSubject.bySubject("bob"));

        assertThat(report.items()).contains(new ErasedItem(ErasedItemType.RECORDING, expired.id(),
                ErasureAction.ALREADY_ERASED));
        assertThat(recordings.find(expired.id()).orElseThrow().deletedReason()).contains(DeletionReason.RETENTION);
        assertThat(recordingsErased.fired()).containsExactly(new RecordingsErased(List.of(expired.id())));
        assertThat(recordingChanged.fired()).isEmpty();
    }

    @Test
    void erasureByEmailAnonymizesInvitesNobodyUsedToo() {
        String laterCall = createCall(ALICE);
        Invite unused = invite(laterCall, "Hanako Yamada", "hanako@example.com").invite();
        transaction.flushAndClear();

        ErasureReport report = privacy.erase(ACME_ADMIN, DataSubject.byEmail("hanako@example.com"));
        transaction.flushAndClear();

        assertThat(report.items()).filteredOn(item -> item.type() == ErasedItemType.INVITE)
                .extracting(ErasedItem::id).containsExactly(guestsInvite.id(), unused.id());
        assertThat(services.invites().find(laterCall, unused.id()).orElseThrow().email()).isEmpty();
        assertThat(stored(guest).displayName()).isEqualTo(Erasure.ERASED_NAME);
        assertThat(messages(guest)).extracting(ChatMessage::text).containsExactly(Erasure.ERASED_TEXT);
        assertThat(stored(bob).displayName()).isEqualTo("Bob from Sales");
    }

    @Test
    void erasureOfAHostRemovesTheirChatTemplatesButKeepsTheirCalls() {
        ChatTemplate template = new ChatTemplate("alice", "acme", "Greeting", "Welcome to the interview", T0);
        ChatTemplate othersTemplate = new ChatTemplate("gina", "globex", "Greeting", "Hi", T0);
        entityManager.persist(template);
        entityManager.persist(othersTemplate);
        transaction.flushAndClear();

        ErasureReport report = privacy.erase(ACME_ADMIN, DataSubject.bySubject("alice"));
        transaction.flushAndClear();

        assertThat(report.items()).contains(new ErasedItem(ErasedItemType.CHAT_TEMPLATE, template.id(),
                ErasureAction.DELETED));
        assertThat(entityManager.find(ChatTemplate.class, template.id())).isNull();
        assertThat(entityManager.find(ChatTemplate.class, othersTemplate.id())).isNotNull();
        Call call = services.calls().find(callId).orElseThrow();
        assertThat(call.createdBy()).as("calls belong to the organization").isEqualTo("alice");
        assertThat(stored(host).displayName()).isEqualTo(Erasure.ERASED_NAME);
    }

    // ---------------------------------------------------------------- helpers

    private List<AuditEntry> auditTrail(Caller auditor) {
        return services.auditTrail().list(auditor, AuditFilter.none(), Optional.empty(), 100).items();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String createCall(Caller creator) {
        CallDraft draft = new CallDraft("Interview", CallType.VIDEO, null, 10, CallSettings.defaults(), null, null, null);
        return services.callService().createCall(creator, draft, Optional.empty()).call().id();
    }

    private IssuedInvite invite(String call, String name, String email) {
        return services.inviteService().createInvite(new Actor.User(ALICE), call, new InviteDraft(name, email,
                ParticipantRole.PARTICIPANT, Optional.empty(), false));
    }

    private void consent(Participant participant) {
        consents.add(new Consent(participant.callId(), participant.id(), participant.subject().orElse(null),
                ConsentPurpose.RECORDING, true, NOTICE, ConsentChannel.SIGNALING, "test browser", clock.instant(), 1));
    }

    private void chat(Participant participant, String text) {
        entityManager.persist(new ChatMessage(participant.callId(), participant.id(), participant.displayName(), text,
                clock.instant()));
    }

    private List<ChatMessage> messages(Participant participant) {
        return entityManager.createQuery("SELECT m FROM ChatMessage m WHERE m.participantId = :id ORDER BY m.sentAt",
                        ChatMessage.class)
                .setParameter("id", participant.id())
                .getResultList();
    }

    private Participant stored(Participant participant) {
        return services.participants().find(participant.callId(), participant.id()).orElseThrow();
    }

    /** A READY individual recording of the participant, recorded in its own call. */
    private Recording individual(Participant participant, Instant startedAt, Instant stoppedAt) {
        Recording recording = new Recording(participant.callId(), organizationOf(participant), RecordingKind.INDIVIDUAL,
                participant.id(), participant.id(), RecordingFormat.WEBM, RecordingQuality.LOW, false, "user:alice",
                startedAt);
        return ready(recording, startedAt, stoppedAt);
    }

    /** A READY composite recording of the interview, made by the host between the times after T0. */
    private Recording composite(Duration from, Duration until) {
        return composite(T0.plus(from), T0.plus(until));
    }

    private Recording composite(Instant startedAt, Instant stoppedAt) {
        Recording recording = new Recording(callId, "acme", RecordingKind.COMPOSITE, null, host.id(), RecordingFormat.WEBM,
                RecordingQuality.LOW, false, "user:alice", startedAt);
        return ready(recording, startedAt, stoppedAt);
    }

    private Recording ready(Recording recording, Instant startedAt, Instant stoppedAt) {
        recording.started(startedAt);
        recording.stop(StopReason.REQUESTED, stoppedAt);
        recording.ready(Recording.mediaKey(recording.id()), 4096, Duration.between(startedAt, stoppedAt).toMillis(),
                "c".repeat(64), stoppedAt.plus(Duration.ofDays(30)), stoppedAt.plusSeconds(5));
        recordings.add(recording);
        return recording;
    }

    private String organizationOf(Participant participant) {
        return services.calls().find(participant.callId()).orElseThrow().organization();
    }

    private static Instant minutes(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }
}
