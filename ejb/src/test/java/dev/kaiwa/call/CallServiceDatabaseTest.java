package dev.kaiwa.call;

import static dev.kaiwa.shared.DomainAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.TestingServices;
import dev.kaiwa.audit.AuditEntry;
import dev.kaiwa.audit.AuditFilter;
import dev.kaiwa.invite.Invite;
import dev.kaiwa.invite.InviteDraft;
import dev.kaiwa.invite.InviteRevocation;
import dev.kaiwa.invite.IssuedInvite;
import dev.kaiwa.participant.JoinResult;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.participant.ParticipantStatus;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FakeClock;
import dev.kaiwa.shared.FieldError;
import dev.kaiwa.shared.Page;
import dev.kaiwa.shared.TestDatabase;
import dev.kaiwa.shared.TestDatabase.TestTransaction;
import dev.kaiwa.signaling.Tickets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The call use cases on a real database; every test runs in a transaction that is rolled back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallServiceDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00.000001Z");
    private static final Duration MISSED_GRACE = Duration.ofMinutes(15);
    private static final Caller ALICE = new Caller("alice", "acme", Set.of(Caller.HOST), "Alice", "alice@acme.test");
    private static final Caller BOB = new Caller("bob", "acme", Set.of(Caller.USER), "Bob", "bob@acme.test");
    private static final Caller ACME_ADMIN = new Caller("carol", "acme", Set.of(Caller.ADMIN), "Carol", null);
    private static final Caller GLOBEX_ADMIN = new Caller("erin", "globex", Set.of(Caller.ADMIN), "Erin", null);
    private static final Actor ALICE_ACTING = new Actor.User(ALICE);

    private TestDatabase database;
    private TestTransaction transaction;
    private FakeClock clock;
    private TestingServices services;
    private CallService callService;

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
        callService = services.callService();
    }

    @AfterEach
    void rollBack() {
        transaction.close();
    }

    @Test
    void createdCallHasItsCreatorAsHostParticipant() {
        CallService.CallCreation creation = callService.createCall(ALICE, draft(null), Optional.empty());
        transaction.flushAndClear();

        Call call = callService.getCall(ALICE_ACTING, creation.call().id());
        List<Participant> participants = services.participants().list(call.id(), Optional.empty());
        assertThat(creation.created()).isTrue();
        assertThat(call.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(call.createdBy()).isEqualTo("alice");
        assertThat(call.organization()).isEqualTo("acme");
        assertThat(call.scheduledAt()).isEqualTo(T0);
        assertThat(participants).singleElement().satisfies(host -> {
            assertThat(host.subject()).contains("alice");
            assertThat(host.displayName()).isEqualTo("Alice");
            assertThat(host.email()).contains("alice@acme.test");
            assertThat(host.role()).isEqualTo(ParticipantRole.HOST);
            assertThat(host.status()).isEqualTo(ParticipantStatus.INVITED);
        });
        assertThat(eventTypes(call)).containsExactly(CallEventType.CREATED);
        assertThat(services.statistics().callsCreated()).isEqualTo(1);
    }

    @Test
    void creatingACallNeedsTheHostOrAdminGroup() {
        assertRefused(ErrorCode.FORBIDDEN, () -> callService.createCall(BOB, draft(null), Optional.empty()));

        assertThat(callService.createCall(ACME_ADMIN, draft(null), Optional.empty()).created()).isTrue();
    }

    @Test
    void repeatedCreateWithTheSameIdempotencyKeyReturnsTheFirstCall() {
        Call first = callService.createCall(ALICE, draft(null), Optional.of("request-1")).call();
        transaction.flushAndClear();
        clock.advance(Duration.ofSeconds(5));

        CallService.CallCreation repeat = callService.createCall(ALICE, draft(null), Optional.of("request-1"));
        CallService.CallCreation other = callService.createCall(ALICE, draft(null), Optional.of("request-2"));

        assertThat(repeat.created()).isFalse();
        assertThat(repeat.call().id()).isEqualTo(first.id());
        assertThat(other.created()).isTrue();
        assertThat(callService.findByIdempotencyKey(ALICE, "request-1")).map(Call::id).contains(first.id());
        assertThat(services.statistics().callsCreated()).isEqualTo(2);
    }

    @Test
    void callListPagesWithAnOpaqueCursor() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createCall(null));
            clock.advance(Duration.ofSeconds(i % 2));
        }
        transaction.flushAndClear();

        List<String> listed = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<Call> page = callService.listCalls(ALICE, CallFilter.none(), cursor, 2);
            page.items().forEach(call -> listed.add(call.id()));
            cursor = page.nextCursor();
            pages++;
        }
        while (cursor.isPresent() && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(listed.get(0)).isEqualTo(created.get(4));
        assertThat(callService.listCalls(BOB, CallFilter.none(), Optional.empty(), null).items()).isEmpty();
    }

    @Test
    void malformedCursorOrLimitIsAValidationError() {
        assertThat(assertRefused(ErrorCode.VALIDATION_FAILED,
                () -> callService.listCalls(ALICE, CallFilter.none(), Optional.of("garbage"), 10)).fieldErrors())
                .extracting(FieldError::field).containsExactly("cursor");
        assertThat(assertRefused(ErrorCode.VALIDATION_FAILED,
                () -> callService.listCalls(ALICE, CallFilter.none(), Optional.empty(), 0)).fieldErrors())
                .extracting(FieldError::field).containsExactly("limit");
    }

    @Test
    void lifecycleMovesAreRecordedAsEvents() {
        String callId = createCall(null);
        clock.advance(Duration.ofMinutes(1));

        callService.startCall(ALICE_ACTING, callId);
        clock.advance(Duration.ofMinutes(10));
        callService.pauseCall(ALICE_ACTING, callId);
        clock.advance(Duration.ofMinutes(5));
        callService.resumeCall(ALICE_ACTING, callId);
        clock.advance(Duration.ofMinutes(20));
        Call ended = callService.endCall(ALICE_ACTING, callId);
        transaction.flushAndClear();

        Call stored = callService.getCall(ALICE_ACTING, callId);
        assertThat(ended.status()).isEqualTo(CallStatus.ENDED);
        assertThat(stored.status()).isEqualTo(CallStatus.ENDED);
        assertThat(stored.duration(clock.instant())).isEqualTo(Duration.ofMinutes(30));
        assertThat(eventTypes(stored)).containsExactly(CallEventType.CREATED, CallEventType.STARTED,
                CallEventType.PAUSED, CallEventType.RESUMED, CallEventType.ENDED);
        assertThat(services.startedCalls().fired()).containsExactly(new CallStarted(callId));
        assertThat(services.closedCalls().fired()).containsExactly(new CallClosed(callId, CallStatus.ENDED));
        assertThat(services.statistics().refreshes()).isEqualTo(4);
    }

    @Test
    void systemStartIsRecordedAndAnnouncedLikeAPersonsStart() {
        String callId = createCall(null);
        Instant start = clock.advance(Duration.ofMinutes(1));

        callService.startBySystem(services.calls().findForUpdate(callId).orElseThrow(), "first join", start);
        transaction.flushAndClear();

        Call stored = callService.getCall(ALICE_ACTING, callId);
        assertThat(stored.status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(stored.startedAt()).contains(start);
        assertThat(services.calls().events(callId, Optional.empty(), 10)).last().satisfies(event -> {
            assertThat(event.type()).isEqualTo(CallEventType.STARTED);
            assertThat(event.actor()).contains("system");
            assertThat(event.detail()).contains("first join");
        });
        assertThat(services.startedCalls().fired()).containsExactly(new CallStarted(callId));
    }

    @Test
    void resumingACallThatIsNotPausedIsRefused() {
        String callId = createCall(null);
        callService.startCall(ALICE_ACTING, callId);

        assertRefused(ErrorCode.ILLEGAL_CALL_TRANSITION, () -> callService.resumeCall(ALICE_ACTING, callId));
    }

    @Test
    void endedCallCannotBeStartedAgain() {
        String callId = createCall(null);
        callService.cancelCall(ALICE_ACTING, callId);

        assertRefused(ErrorCode.CALL_ALREADY_ENDED, () -> callService.startCall(ALICE_ACTING, callId));
        assertRefused(ErrorCode.CALL_NOT_SCHEDULED, () -> callService.updateCall(ALICE_ACTING, callId, draft(null)));
    }

    @Test
    void onlyPeopleWhoMaySeeTheCallLearnThatItExists() {
        String callId = createCall(null);

        assertRefused(ErrorCode.CALL_NOT_FOUND, () -> callService.getCall(new Actor.User(BOB), callId));
        assertRefused(ErrorCode.CALL_NOT_FOUND, () -> callService.startCall(new Actor.User(BOB), callId));
        assertRefused(ErrorCode.CALL_NOT_FOUND, () -> callService.getCall(new Actor.User(GLOBEX_ADMIN), callId));
        assertRefused(ErrorCode.CALL_NOT_FOUND, () -> callService.getCall(ALICE_ACTING, "not-an-id"));
        assertThat(callService.startCall(new Actor.User(ACME_ADMIN), callId).status()).isEqualTo(CallStatus.IN_PROGRESS);
    }

    @Test
    void guestMaySeeButNotManageTheCall() {
        String callId = createCall(null);
        IssuedInvite invite = invite(callId);
        JoinResult guest = services.joinService().joinWithInvite(invite.token(), callId);
        Actor guestActing = new Actor.Guest(callId, guest.participant().id());

        assertThat(callService.getCall(guestActing, callId).id()).isEqualTo(callId);
        assertRefused(ErrorCode.FORBIDDEN, () -> callService.endCall(guestActing, callId));
        assertRefused(ErrorCode.CALL_NOT_FOUND,
                () -> callService.getCall(new Actor.Guest("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", guest.participant().id()),
                        callId));
    }

    @Test
    void endingACallRevokesItsInvitesAndTicketsAndEveryoneLeaves() {
        String callId = createCall(null);
        IssuedInvite invite = invite(callId);
        JoinResult host = services.joinService().joinAsUser(ALICE, callId);
        JoinResult guest = services.joinService().joinWithInvite(invite.token(), callId);
        callService.startCall(ALICE_ACTING, callId);
        Instant end = clock.advance(Duration.ofSeconds(30));

        callService.endCall(ALICE_ACTING, callId);
        transaction.flushAndClear();

        assertThat(services.invites().list(callId)).singleElement().satisfies(revoked -> {
            assertThat(revoked.revokedReason()).contains(InviteRevocation.CALL_CLOSED);
            assertThat(revoked.revokedAt()).contains(end);
        });
        for (JoinResult joined : List.of(host, guest)) {
            assertThat(services.tickets().findForUpdate(Tickets.hash(joined.ticket())).orElseThrow().isUsable(end))
                    .isFalse();
            assertThat(services.tickets().usable(joined.participant().id(), end)).isEmpty();
            Participant participant = services.participants().find(callId, joined.participant().id()).orElseThrow();
            assertThat(participant.status()).isEqualTo(ParticipantStatus.LEFT);
            assertThat(participant.leftAt()).contains(end);
        }
        assertThat(services.closedCalls().fired()).containsExactly(new CallClosed(callId, CallStatus.ENDED));
        assertRefused(ErrorCode.INVITE_INVALID, () -> services.joinService().joinWithInvite(invite.token(), callId));
    }

    @Test
    void cancellingAScheduledCallRevokesItsInvites() {
        String callId = createCall(T0.plus(Duration.ofDays(1)));
        invite(callId);

        callService.cancelCall(ALICE_ACTING, callId);
        transaction.flushAndClear();

        assertThat(services.invites().list(callId)).extracting(Invite::revokedReason)
                .containsExactly(Optional.of(InviteRevocation.CALL_CLOSED));
        assertThat(services.closedCalls().fired()).containsExactly(new CallClosed(callId, CallStatus.CANCELLED));
    }

    @Test
    void endingAndCancellingAreAuditedWithTheStatusTheCallLeft() {
        String ended = createCall(null);
        callService.startCall(ALICE_ACTING, ended);
        callService.pauseCall(ALICE_ACTING, ended);
        callService.endCall(new Actor.User(ACME_ADMIN), ended);
        String cancelled = createCall(T0.plus(Duration.ofDays(1)));
        callService.cancelCall(ALICE_ACTING, cancelled);
        transaction.flushAndClear();

        List<AuditEntry> audited = services.auditEntries().list("acme", AuditFilter.none(), Optional.empty(), 100);

        assertThat(audited).extracting(AuditEntry::action).containsExactly("CALL_CANCELLED", "CALL_ENDED");
        assertThat(audited.get(1)).satisfies(entry -> {
            assertThat(entry.resourceType()).isEqualTo("CALL");
            assertThat(entry.resourceId()).contains(ended);
            assertThat(entry.actorId()).contains("carol");
            assertThat(entry.actorRole()).contains("kaiwa-admin");
            assertThat(entry.organization()).contains("acme");
            assertThat(entry.details()).containsEntry("from", "PAUSED");
        });
        assertThat(audited.get(0).resourceId()).contains(cancelled);
        assertThat(audited.get(0).details()).containsEntry("from", "SCHEDULED");
    }

    @Test
    void refusedOrSystemMovesAreNotAuditedAsSomeonesAction() {
        String callId = createCall(null);

        assertRefused(ErrorCode.ILLEGAL_CALL_TRANSITION, () -> callService.resumeCall(ALICE_ACTING, callId));
        callService.startCall(ALICE_ACTING, callId);
        callService.pauseCall(ALICE_ACTING, callId);

        assertThat(services.auditEntries().list("acme", AuditFilter.none(), Optional.empty(), 100)).isEmpty();
    }

    @Test
    void scheduledCallNobodyJoinedIsMissedOnlyAfterTheGrace() {
        Instant scheduledAt = T0.plus(Duration.ofHours(1));
        String unjoined = createCall(scheduledAt);
        String joined = createCall(scheduledAt);
        services.joinService().joinAsUser(ALICE, joined);
        String later = createCall(scheduledAt.plus(Duration.ofHours(1)));
        invite(unjoined);

        clock.set(scheduledAt.plus(MISSED_GRACE));
        assertThat(callService.markMissedCalls(MISSED_GRACE, 10)).isZero();
        Instant missedAt = clock.advance(Duration.ofNanos(1_000));
        assertThat(callService.markMissedCalls(MISSED_GRACE, 10)).isEqualTo(1);
        transaction.flushAndClear();

        Call missed = callService.getCall(ALICE_ACTING, unjoined);
        assertThat(missed.status()).isEqualTo(CallStatus.MISSED);
        assertThat(missed.endedAt()).contains(missedAt);
        assertThat(eventTypes(missed)).endsWith(CallEventType.MISSED);
        assertThat(services.invites().list(unjoined)).allSatisfy(
                invite -> assertThat(invite.revokedReason()).contains(InviteRevocation.CALL_CLOSED));
        assertThat(callService.getCall(ALICE_ACTING, joined).status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(callService.getCall(ALICE_ACTING, later).status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(services.closedCalls().fired()).containsExactly(new CallClosed(unjoined, CallStatus.MISSED));
        assertThat(callService.markMissedCalls(MISSED_GRACE, 10)).isZero();
    }

    @Test
    void missedCallsAreMarkedInBatches() {
        for (int i = 0; i < 3; i++) {
            createCall(T0);
        }
        clock.advance(MISSED_GRACE.plusSeconds(1));

        assertThat(callService.markMissedCalls(MISSED_GRACE, 2)).isEqualTo(2);
        assertThat(callService.markMissedCalls(MISSED_GRACE, 2)).isEqualTo(1);
        assertThat(callService.markMissedCalls(MISSED_GRACE, 2)).isZero();
        assertThat(services.closedCalls().fired()).hasSize(3);
    }

    /**
     * Creates a call as Alice and writes it, as the end of the create request's transaction would:
     * later steps lock the call row, and a lock is taken in the database.
     */
    private String createCall(Instant scheduledAt) {
        String callId = callService.createCall(ALICE, draft(scheduledAt), Optional.empty()).call().id();
        transaction.entityManager().flush();
        return callId;
    }

    private IssuedInvite invite(String callId) {
        return services.inviteService().createInvite(ALICE_ACTING, callId,
                new InviteDraft("Guest", "guest@example.com", ParticipantRole.PARTICIPANT, Optional.empty(), true));
    }

    private List<CallEventType> eventTypes(Call call) {
        return callService.events(ALICE_ACTING, call.id(), Optional.empty(), 100).items().stream()
                .map(CallEvent::type)
                .toList();
    }

    private static CallDraft draft(Instant scheduledAt) {
        return new CallDraft("Interview", CallType.VIDEO, scheduledAt, 10, CallSettings.defaults(), null, null, null);
    }
}
