package dev.kaiwa.participant;

import static dev.kaiwa.shared.DomainAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.TestingServices;
import dev.kaiwa.audit.AuditEntry;
import dev.kaiwa.audit.AuditFilter;
import dev.kaiwa.call.CallDraft;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallEventType;
import dev.kaiwa.call.CallSettings;
import dev.kaiwa.call.CallType;
import dev.kaiwa.invite.InviteDraft;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FakeClock;
import dev.kaiwa.shared.TestDatabase;
import dev.kaiwa.shared.TestDatabase.TestTransaction;
import dev.kaiwa.signaling.Tickets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Managing participants and the ticket sweep on a real database; every test runs in a rolled-back transaction. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParticipantServiceDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00.000001Z");
    private static final Caller ALICE = new Caller("alice", "acme", Set.of(Caller.HOST), "Alice", "alice@acme.test");
    private static final Caller ACME_ADMIN = new Caller("carol", "acme", Set.of(Caller.ADMIN), "Carol", null);
    private static final Actor ALICE_ACTING = new Actor.User(ALICE);

    private TestDatabase database;
    private TestTransaction transaction;
    private FakeClock clock;
    private TestingServices services;
    private ParticipantService participantService;
    private String callId;

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
        participantService = services.participantService();
        CallDraft draft = new CallDraft("Interview", CallType.VIDEO, null, 10, CallSettings.defaults(), null, null, null);
        callId = services.callService().createCall(ALICE, draft, Optional.empty()).call().id();
        transaction.entityManager().flush();
    }

    @AfterEach
    void rollBack() {
        transaction.close();
    }

    @Test
    void joiningParticipantIsMarkedLeftOnceItsTicketExpiredUnused() {
        JoinResult guest = joinAsGuest(ParticipantRole.PARTICIPANT);
        Instant expiry = guest.ticketExpiresAt();

        clock.set(expiry.minusNanos(1_000));
        assertThat(participantService.expireUnusedTickets(10)).isZero();
        assertThat(status(guest)).isEqualTo(ParticipantStatus.JOINING);

        clock.set(expiry);
        assertThat(participantService.expireUnusedTickets(10)).isEqualTo(1);
        transaction.flushAndClear();

        Participant left = services.participants().find(callId, guest.participant().id()).orElseThrow();
        assertThat(left.status()).isEqualTo(ParticipantStatus.LEFT);
        assertThat(left.leftAt()).contains(expiry);
        assertThat(events()).filteredOn(event -> event.type() == CallEventType.LEFT).singleElement()
                .satisfies(event -> assertThat(event.participantId()).contains(guest.participant().id()));
        assertThat(participantService.expireUnusedTickets(10)).as("each ticket is dealt with once").isZero();
    }

    @Test
    void participantWhoJoinedAgainWaitsForItsNewTicket() {
        String invite = inviteToken(ParticipantRole.PARTICIPANT);
        JoinResult first = services.joinService().joinWithInvite(invite, callId);
        clock.advance(Duration.ofSeconds(50));
        JoinResult again = services.joinService().joinWithInvite(invite, callId);

        clock.set(first.ticketExpiresAt());
        assertThat(participantService.expireUnusedTickets(10)).isZero();
        assertThat(status(again)).isEqualTo(ParticipantStatus.JOINING);

        clock.set(again.ticketExpiresAt());
        assertThat(participantService.expireUnusedTickets(10)).isEqualTo(1);
        assertThat(status(again)).isEqualTo(ParticipantStatus.LEFT);
    }

    @Test
    void usedTicketNeverExpires() {
        JoinResult guest = joinAsGuest(ParticipantRole.PARTICIPANT);
        services.tickets().findForUpdate(Tickets.hash(guest.ticket())).orElseThrow()
                .use(clock.advance(Duration.ofSeconds(1)));

        clock.advance(Duration.ofHours(1));

        assertThat(participantService.expireUnusedTickets(10)).isZero();
        assertThat(status(guest)).isEqualTo(ParticipantStatus.JOINING);
    }

    @Test
    void expiredTicketsAreHandledInBatches() {
        for (int i = 0; i < 3; i++) {
            joinAsGuest(ParticipantRole.PARTICIPANT);
        }
        clock.advance(Duration.ofMinutes(5));

        assertThat(participantService.expireUnusedTickets(2)).isEqualTo(2);
        assertThat(participantService.expireUnusedTickets(2)).isEqualTo(1);
        assertThat(participantService.expireUnusedTickets(2)).isZero();
        assertThat(services.participants().list(callId, Optional.of(ParticipantStatus.LEFT))).hasSize(3);
    }

    @Test
    void hostPromotesAGuestToCoHost() {
        JoinResult guest = joinAsGuest(ParticipantRole.PARTICIPANT);

        Participant changed = participantService.changeParticipant(ALICE_ACTING, callId, guest.participant().id(),
                roleChange(ParticipantRole.CO_HOST));

        assertThat(changed.role()).isEqualTo(ParticipantRole.CO_HOST);
        assertThat(events()).filteredOn(event -> event.type() == CallEventType.ROLE_CHANGED).singleElement()
                .satisfies(event -> assertThat(event.detail()).contains("PARTICIPANT -> CO_HOST"));
    }

    @Test
    void roleChangeIsAuditedWithWhoChangedWhatFromWhere() {
        JoinResult coHost = joinAsGuest(ParticipantRole.CO_HOST);
        JoinResult guest = joinAsGuest(ParticipantRole.PARTICIPANT);

        participantService.changeParticipant(new Actor.Guest(callId, coHost.participant().id()), callId,
                guest.participant().id(), roleChange(ParticipantRole.MODERATOR));
        participantService.changeParticipant(ALICE_ACTING, callId, guest.participant().id(),
                new ParticipantChange(Optional.empty(), Optional.of(false), Optional.empty(), Optional.empty(),
                        Optional.empty()));
        transaction.flushAndClear();

        assertThat(audited()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("PARTICIPANT_ROLE_CHANGED");
            assertThat(entry.resourceType()).isEqualTo("PARTICIPANT");
            assertThat(entry.resourceId()).contains(guest.participant().id());
            assertThat(entry.organization()).contains("acme");
            assertThat(entry.actorType()).isEqualTo("PARTICIPANT");
            assertThat(entry.actorId()).contains(coHost.participant().id());
            assertThat(entry.actorRole()).contains("CO_HOST");
            assertThat(entry.clientAddress()).contains(TestingServices.CLIENT_ADDRESS);
            assertThat(entry.details()).containsEntry("callId", callId).containsEntry("from", "PARTICIPANT")
                    .containsEntry("to", "MODERATOR");
        });
    }

    @Test
    void refusedRoleChangeIsNotAudited() {
        JoinResult moderator = joinAsGuest(ParticipantRole.MODERATOR);
        JoinResult guest = joinAsGuest(ParticipantRole.PARTICIPANT);

        assertRefused(ErrorCode.FORBIDDEN, () -> participantService.changeParticipant(
                new Actor.Guest(callId, moderator.participant().id()), callId, guest.participant().id(),
                roleChange(ParticipantRole.VIEWER)));

        assertThat(audited()).isEmpty();
    }

    @Test
    void coHostCanNeitherGrantNorTakeAwayHost() {
        JoinResult coHost = joinAsGuest(ParticipantRole.CO_HOST);
        JoinResult guest = joinAsGuest(ParticipantRole.PARTICIPANT);
        Actor coHostActing = new Actor.Guest(callId, coHost.participant().id());
        String hostId = services.participants().findBySubject(callId, "alice").orElseThrow().id();

        assertRefused(ErrorCode.ROLE_NOT_GRANTABLE, () -> participantService.changeParticipant(coHostActing, callId,
                guest.participant().id(), roleChange(ParticipantRole.HOST)));
        assertRefused(ErrorCode.ROLE_NOT_GRANTABLE, () -> participantService.changeParticipant(coHostActing, callId,
                hostId, roleChange(ParticipantRole.PARTICIPANT)));
        assertThat(participantService.changeParticipant(coHostActing, callId, guest.participant().id(),
                roleChange(ParticipantRole.MODERATOR)).role()).isEqualTo(ParticipantRole.MODERATOR);
    }

    @Test
    void moderatorCannotChangeRoles() {
        JoinResult moderator = joinAsGuest(ParticipantRole.MODERATOR);
        JoinResult guest = joinAsGuest(ParticipantRole.PARTICIPANT);

        assertRefused(ErrorCode.FORBIDDEN, () -> participantService.changeParticipant(
                new Actor.Guest(callId, moderator.participant().id()), callId, guest.participant().id(),
                roleChange(ParticipantRole.VIEWER)));
    }

    @Test
    void lastHostCannotBeDemotedOrRemoved() {
        String hostId = services.participants().findBySubject(callId, "alice").orElseThrow().id();

        assertRefused(ErrorCode.LAST_HOST,
                () -> participantService.changeParticipant(ALICE_ACTING, callId, hostId, roleChange(ParticipantRole.CO_HOST)));
        assertRefused(ErrorCode.LAST_HOST,
                () -> participantService.removeParticipant(new Actor.User(ACME_ADMIN), callId, hostId));
    }

    @Test
    void participantChangesItsOwnMediaButOnlyModeratorsChangeOthers() {
        JoinResult guest = joinAsGuest(ParticipantRole.PARTICIPANT);
        JoinResult other = joinAsGuest(ParticipantRole.PARTICIPANT);
        Actor guestActing = new Actor.Guest(callId, guest.participant().id());
        ParticipantChange mute = new ParticipantChange(Optional.empty(), Optional.of(false), Optional.empty(),
                Optional.empty(), Optional.of(true));

        assertThat(participantService.changeParticipant(guestActing, callId, guest.participant().id(), mute).audio())
                .isFalse();
        assertRefused(ErrorCode.FORBIDDEN,
                () -> participantService.changeParticipant(guestActing, callId, other.participant().id(), mute));
        Participant muted = participantService.changeParticipant(ALICE_ACTING, callId, other.participant().id(), mute);
        assertThat(muted.audio()).isFalse();
        assertThat(muted.hand()).isTrue();
        assertThat(muted.video()).isTrue();
    }

    @Test
    void removingAParticipantRevokesItsTicket() {
        JoinResult guest = joinAsGuest(ParticipantRole.PARTICIPANT);
        Instant removedAt = clock.advance(Duration.ofSeconds(10));

        participantService.removeParticipant(ALICE_ACTING, callId, guest.participant().id());
        transaction.flushAndClear();

        Participant removed = services.participants().find(callId, guest.participant().id()).orElseThrow();
        assertThat(removed.status()).isEqualTo(ParticipantStatus.REMOVED);
        assertThat(removed.leftAt()).contains(removedAt);
        assertThat(services.tickets().usable(guest.participant().id(), removedAt)).isEmpty();
        assertRefused(ErrorCode.CALL_NOT_FOUND, () -> participantService.listParticipants(
                new Actor.Guest(callId, guest.participant().id()), callId, Optional.empty()));
    }

    @Test
    void removalIsAuditedOnce() {
        JoinResult guest = joinAsGuest(ParticipantRole.VIEWER);

        participantService.removeParticipant(new Actor.User(ACME_ADMIN), callId, guest.participant().id());
        participantService.removeParticipant(new Actor.User(ACME_ADMIN), callId, guest.participant().id());
        transaction.flushAndClear();

        assertThat(audited()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("PARTICIPANT_REMOVED");
            assertThat(entry.resourceId()).contains(guest.participant().id());
            assertThat(entry.actorType()).isEqualTo("USER");
            assertThat(entry.actorId()).contains("carol");
            assertThat(entry.actorRole()).contains("kaiwa-admin");
            assertThat(entry.details()).containsEntry("callId", callId).containsEntry("role", "VIEWER");
        });
    }

    @Test
    void participantsAreListedToThoseWhoSeeTheCall() {
        JoinResult guest = joinAsGuest(ParticipantRole.VIEWER);

        List<Participant> all = participantService.listParticipants(new Actor.Guest(callId, guest.participant().id()),
                callId, Optional.empty());
        List<Participant> joining = participantService.listParticipants(ALICE_ACTING, callId,
                Optional.of(ParticipantStatus.JOINING));

        assertThat(all).hasSize(2);
        assertThat(joining).extracting(Participant::id).containsExactly(guest.participant().id());
        assertRefused(ErrorCode.PARTICIPANT_NOT_FOUND,
                () -> participantService.getParticipant(ALICE_ACTING, callId, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    }

    /** Joins through a new invite and writes the result, as the end of the join request's transaction would. */
    private JoinResult joinAsGuest(ParticipantRole role) {
        JoinResult joined = services.joinService().joinWithInvite(inviteToken(role), callId);
        transaction.entityManager().flush();
        return joined;
    }

    private String inviteToken(ParticipantRole role) {
        return services.inviteService().createInvite(ALICE_ACTING, callId,
                new InviteDraft("Guest", null, role, Optional.empty(), true)).token();
    }

    private ParticipantStatus status(JoinResult joined) {
        return services.participants().find(callId, joined.participant().id()).orElseThrow().status();
    }

    private static ParticipantChange roleChange(ParticipantRole role) {
        return new ParticipantChange(Optional.of(role), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** The organization's audit trail, oldest first. */
    private List<AuditEntry> audited() {
        return services.auditEntries().list("acme", AuditFilter.none(), Optional.empty(), 100).stream()
                .sorted(Comparator.comparingLong(AuditEntry::sequence)).toList();
    }

    private List<CallEvent> events() {
        return services.callService().events(ALICE_ACTING, callId, Optional.empty(), 100).items();
    }
}
