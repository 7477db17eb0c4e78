package dev.kaiwa.participant;

import static dev.kaiwa.shared.DomainAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.TestingServices;
import dev.kaiwa.call.CallDraft;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallEventType;
import dev.kaiwa.call.CallSettings;
import dev.kaiwa.call.CallType;
import dev.kaiwa.invite.InviteDraft;
import dev.kaiwa.invite.IssuedInvite;
import dev.kaiwa.security.SignedClaims;
import dev.kaiwa.security.TokenPurpose;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FakeClock;
import dev.kaiwa.shared.TestDatabase;
import dev.kaiwa.shared.TestDatabase.TestTransaction;
import dev.kaiwa.signaling.SignalingTicket;
import dev.kaiwa.signaling.Tickets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Joining calls on a real database; every test runs in a transaction that is rolled back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JoinServiceDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00.000001Z");
    private static final Caller ALICE = new Caller("alice", "acme", Set.of(Caller.HOST), "Alice", "alice@acme.test");
    private static final Caller BOB = new Caller("bob", "acme", Set.of(Caller.USER), "Bob", "Bob@Acme.test");
    private static final Caller ACME_ADMIN = new Caller("carol", "acme", Set.of(Caller.ADMIN), "Carol", null);
    private static final Actor ALICE_ACTING = new Actor.User(ALICE);

    private TestDatabase database;
    private TestTransaction transaction;
    private FakeClock clock;
    private TestingServices services;
    private JoinService joinService;

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
        joinService = services.joinService();
    }

    @AfterEach
    void rollBack() {
        transaction.close();
    }

    @Test
    void creatorJoinsAsTheHostCreatedWithTheCall() {
        String callId = createCall(10);
        Participant host = services.participants().findBySubject(callId, "alice").orElseThrow();
        Instant now = clock.advance(Duration.ofMinutes(1));

        JoinResult joined = joinService.joinAsUser(ALICE, callId);
        transaction.flushAndClear();

        Participant stored = services.participants().find(callId, joined.participant().id()).orElseThrow();
        assertThat(joined.participant().id()).isEqualTo(host.id());
        assertThat(stored.role()).isEqualTo(ParticipantRole.HOST);
        assertThat(stored.status()).isEqualTo(ParticipantStatus.JOINING);
        assertThat(stored.joinedAt()).contains(now);
        assertThat(joined.ticketExpiresAt()).isEqualTo(now.plus(TestingServices.TICKET_TTL));
        SignalingTicket ticket = services.tickets().findForUpdate(Tickets.hash(joined.ticket())).orElseThrow();
        assertThat(ticket.participantId()).isEqualTo(host.id());
        assertThat(ticket.callId()).isEqualTo(callId);
        assertThat(ticket.isUsable(now)).isTrue();
        assertThat(joined.participantTokenExpiresAt()).isEqualTo(now.plus(TestingServices.PARTICIPANT_TOKEN_TTL));
        assertThat(services.signer().verify(joined.participantToken(), TokenPurpose.PARTICIPANT))
                .contains(new SignedClaims(TokenPurpose.PARTICIPANT, callId, host.id(),
                        joined.participantTokenExpiresAt().truncatedTo(ChronoUnit.SECONDS)));
        assertThat(events(callId)).filteredOn(event -> event.type() == CallEventType.JOINED)
                .singleElement()
                .satisfies(event -> assertThat(event.participantId()).contains(host.id()));
    }

    @Test
    void rejoiningReturnsTheSameParticipantWithANewTicketAndRevokesTheOldOne() {
        String callId = createCall(10);
        JoinResult first = joinService.joinAsUser(ALICE, callId);
        Instant firstJoin = clock.instant();
        Instant now = clock.advance(Duration.ofSeconds(20));

        JoinResult again = joinService.joinAsUser(ALICE, callId);
        transaction.flushAndClear();

        assertThat(again.participant().id()).isEqualTo(first.participant().id());
        assertThat(again.ticket()).isNotEqualTo(first.ticket());
        assertThat(services.tickets().usable(first.participant().id(), now)).hasSize(1);
        assertThat(services.tickets().findForUpdate(Tickets.hash(first.ticket())).orElseThrow().isUsable(now)).isFalse();
        assertThat(services.tickets().findForUpdate(Tickets.hash(again.ticket())).orElseThrow().isUsable(now)).isTrue();
        assertThat(services.participants().list(callId, Optional.empty())).hasSize(1);
        assertThat(services.participants().find(callId, again.participant().id()).orElseThrow().joinedAt())
                .as("first join time is kept").contains(firstJoin);
    }

    @Test
    void organizationAdminJoinsAsModerator() {
        String callId = createCall(10);

        JoinResult joined = joinService.joinAsUser(ACME_ADMIN, callId);

        assertThat(joined.participant().role()).isEqualTo(ParticipantRole.MODERATOR);
        assertThat(joined.participant().subject()).contains("carol");
        assertThat(joined.participant().displayName()).isEqualTo("Carol");
    }

    @Test
    void userInvitedByEmailJoinsWithTheInvitesRoleAndName() {
        String callId = createCall(10);
        invite(callId, "bob@acme.test", ParticipantRole.MODERATOR, true);

        JoinResult joined = joinService.joinAsUser(BOB, callId);
        JoinResult again = joinService.joinAsUser(BOB, callId);

        assertThat(joined.participant().subject()).contains("bob");
        assertThat(joined.participant().role()).isEqualTo(ParticipantRole.MODERATOR);
        assertThat(joined.participant().displayName()).isEqualTo("Invited guest");
        assertThat(again.participant().id()).isEqualTo(joined.participant().id());
    }

    @Test
    void userWithoutInviteLearnsNothingAboutTheCall() {
        String callId = createCall(10);
        invite(callId, "someone.else@acme.test", ParticipantRole.PARTICIPANT, true);

        assertRefused(ErrorCode.CALL_NOT_FOUND, () -> joinService.joinAsUser(BOB, callId));
        assertRefused(ErrorCode.CALL_NOT_FOUND, () -> joinService.joinAsUser(ALICE, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertRefused(ErrorCode.CALL_NOT_FOUND, () -> joinService.joinAsUser(ALICE, "../calls"));
    }

    @Test
    void guestJoinsWithAnInviteToken() {
        String callId = createCall(10);
        IssuedInvite invite = invite(callId, "guest@example.com", ParticipantRole.VIEWER, true);

        JoinResult joined = joinService.joinWithInvite(invite.token(), callId);
        transaction.flushAndClear();

        Participant guest = services.participants().find(callId, joined.participant().id()).orElseThrow();
        assertThat(guest.subject()).isEmpty();
        assertThat(guest.inviteId()).contains(invite.invite().id());
        assertThat(guest.displayName()).isEqualTo("Invited guest");
        assertThat(guest.email()).contains("guest@example.com");
        assertThat(guest.role()).isEqualTo(ParticipantRole.VIEWER);
        assertThat(guest.status()).isEqualTo(ParticipantStatus.JOINING);
        assertThat(services.signer().verify(joined.participantToken(), TokenPurpose.PARTICIPANT))
                .map(SignedClaims::subject).contains(guest.id());
    }

    @Test
    void guestRejoiningWithASingleUseInviteGetsTheSameParticipant() {
        String callId = createCall(10);
        IssuedInvite invite = invite(callId, null, ParticipantRole.PARTICIPANT, true);
        JoinResult first = joinService.joinWithInvite(invite.token(), callId);
        clock.advance(Duration.ofSeconds(30));

        JoinResult again = joinService.joinWithInvite(invite.token(), callId);

        assertThat(again.participant().id()).isEqualTo(first.participant().id());
        assertThat(services.participants().list(callId, Optional.empty())).hasSize(2);
    }

    @Test
    void inviteTokenIsAcceptedOnlyForItsOwnCall() {
        String callId = createCall(10);
        String otherCallId = createCall(10);
        IssuedInvite invite = invite(callId, null, ParticipantRole.PARTICIPANT, true);

        assertRefused(ErrorCode.INVITE_INVALID, () -> joinService.joinWithInvite(invite.token(), otherCallId));
    }

    @Test
    void participantTokenIsNotAnInvite() {
        String callId = createCall(10);
        JoinResult host = joinService.joinAsUser(ALICE, callId);

        assertRefused(ErrorCode.INVITE_INVALID, () -> joinService.joinWithInvite(host.participantToken(), callId));
    }

    @Test
    void forgedOrGarbageInviteIsRefused() {
        String callId = createCall(10);
        IssuedInvite invite = invite(callId, null, ParticipantRole.PARTICIPANT, true);
        String forged = invite.token().substring(0, invite.token().length() - 8) + "AAAAAAAA";

        assertRefused(ErrorCode.INVITE_INVALID, () -> joinService.joinWithInvite(forged, callId));
        assertRefused(ErrorCode.INVITE_INVALID, () -> joinService.joinWithInvite("garbage", callId));
        assertRefused(ErrorCode.INVITE_INVALID, () -> joinService.joinWithInvite("", callId));
    }

    @Test
    void expiredInviteIsRefused() {
        String callId = createCall(10);
        IssuedInvite invite = invite(callId, null, ParticipantRole.PARTICIPANT, true);
        clock.set(invite.invite().expiresAt());

        assertRefused(ErrorCode.INVITE_INVALID, () -> joinService.joinWithInvite(invite.token(), callId));
    }

    @Test
    void revokedInviteIsRefused() {
        String callId = createCall(10);
        IssuedInvite invite = invite(callId, null, ParticipantRole.PARTICIPANT, true);
        services.inviteService().revokeInvite(ALICE_ACTING, callId, invite.invite().id());

        assertRefused(ErrorCode.INVITE_INVALID, () -> joinService.joinWithInvite(invite.token(), callId));
    }

    @Test
    void fullCallRefusesNewcomersButLetsPresentParticipantsRejoin() {
        String callId = createCall(2);
        joinService.joinAsUser(ALICE, callId);
        joinService.joinWithInvite(invite(callId, null, ParticipantRole.PARTICIPANT, true).token(), callId);
        IssuedInvite third = invite(callId, null, ParticipantRole.PARTICIPANT, true);

        assertRefused(ErrorCode.CALL_FULL, () -> joinService.joinWithInvite(third.token(), callId));
        assertThat(joinService.joinAsUser(ALICE, callId).participant().role()).isEqualTo(ParticipantRole.HOST);
    }

    @Test
    void placeOfSomeoneWhoLeftIsFreeAgain() {
        String callId = createCall(2);
        joinService.joinAsUser(ALICE, callId);
        JoinResult guest = joinService.joinWithInvite(invite(callId, null, ParticipantRole.PARTICIPANT, true).token(),
                callId);
        guest.participant().leave(clock.advance(Duration.ofSeconds(5)));
        IssuedInvite next = invite(callId, null, ParticipantRole.PARTICIPANT, true);

        assertThat(joinService.joinWithInvite(next.token(), callId).participant().status())
                .isEqualTo(ParticipantStatus.JOINING);
    }

    @Test
    void pausedCallRefusesJoins() {
        String callId = createCall(10);
        IssuedInvite invite = invite(callId, null, ParticipantRole.PARTICIPANT, true);
        services.callService().startCall(ALICE_ACTING, callId);
        services.callService().pauseCall(ALICE_ACTING, callId);

        assertRefused(ErrorCode.CALL_PAUSED, () -> joinService.joinWithInvite(invite.token(), callId));
        assertRefused(ErrorCode.CALL_PAUSED, () -> joinService.joinAsUser(ALICE, callId));
    }

    @Test
    void endedCallRefusesJoins() {
        String callId = createCall(10);
        services.callService().startCall(ALICE_ACTING, callId);
        services.callService().endCall(ALICE_ACTING, callId);

        assertRefused(ErrorCode.CALL_ALREADY_ENDED, () -> joinService.joinAsUser(ALICE, callId));
    }

    @Test
    void removedGuestCannotComeBackWithTheSameInvite() {
        String callId = createCall(10);
        IssuedInvite invite = invite(callId, null, ParticipantRole.PARTICIPANT, true);
        JoinResult guest = joinService.joinWithInvite(invite.token(), callId);
        services.participantService().removeParticipant(ALICE_ACTING, callId, guest.participant().id());

        assertRefused(ErrorCode.PARTICIPANT_REMOVED, () -> joinService.joinWithInvite(invite.token(), callId));
    }

    /** Creates a call as Alice and writes it, as the end of the create request's transaction would. */
    private String createCall(int maxParticipants) {
        CallDraft draft = new CallDraft("Interview", CallType.VIDEO, null, maxParticipants, CallSettings.defaults(),
                null, null, null);
        String callId = services.callService().createCall(ALICE, draft, Optional.empty()).call().id();
        transaction.entityManager().flush();
        return callId;
    }

    private IssuedInvite invite(String callId, String email, ParticipantRole role, boolean singleUse) {
        return services.inviteService().createInvite(ALICE_ACTING, callId,
                new InviteDraft("Invited guest", email, role, Optional.empty(), singleUse));
    }

    private List<CallEvent> events(String callId) {
        return services.callService().events(ALICE_ACTING, callId, Optional.empty(), 100).items();
    }
}
