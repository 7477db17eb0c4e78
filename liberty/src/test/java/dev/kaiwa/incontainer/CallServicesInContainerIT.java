package dev.kaiwa.incontainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallService;
import dev.kaiwa.call.CallStatus;
import dev.kaiwa.invite.InviteRevocation;
import dev.kaiwa.invite.InviteService;
import dev.kaiwa.invite.IssuedInvite;
import dev.kaiwa.participant.JoinResult;
import dev.kaiwa.participant.JoinService;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.participant.ParticipantService;
import dev.kaiwa.participant.ParticipantStatus;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.signaling.Tickets;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The call, invite and join services end to end on EclipseLink and H2: what they store, and what
 * they read back through the container's transactions. Calls are scheduled an hour ahead, so the
 * sweep leaves them alone.
 */
@ExtendWith(ArquillianExtension.class)
class CallServicesInContainerIT {
    @Deployment
    static WebArchive deployment() {
        return Deployments.core(CallServicesInContainerIT.class);
    }

    @Inject
    CallService calls;

    @Inject
    InviteService invites;

    @Inject
    JoinService joins;

    @Inject
    ParticipantService participants;

    @Inject
    Database database;

    private final Caller host = Fixtures.host();
    private final Actor.User hostActor = Fixtures.actor(host);

    @Test
    void creatingACallStoresItWithItsHostAsParticipant() {
        Call created = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 4), Optional.empty()).call();

        Call stored = calls.getCall(hostActor, created.id());
        assertThat(stored.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(stored.createdBy()).isEqualTo(host.subject());
        assertThat(stored.organization()).isEqualTo(Fixtures.ORGANIZATION);
        assertThat(participants.listParticipants(hostActor, created.id(), Optional.empty()))
                .singleElement()
                .satisfies(participant -> {
                    assertThat(participant.role()).isEqualTo(ParticipantRole.HOST);
                    assertThat(participant.subject()).contains(host.subject());
                    assertThat(participant.status()).isEqualTo(ParticipantStatus.INVITED);
                    assertThat(participant.joinedAt()).isEmpty();
                });
        assertThat(database.eventTypes(created.id())).containsExactly("CREATED");
    }

    @Test
    void creatingAgainWithTheSameIdempotencyKeyReturnsTheFirstCall() {
        Call first = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 4), Optional.of("create-1")).call();

        CallService.CallCreation again = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 8), Optional.of("create-1"));

        assertThat(again.created()).isFalse();
        assertThat(again.call().id()).isEqualTo(first.id());
        assertThat(database.rowsOf(first.id()).participants()).isEqualTo(1);
    }

    @Test
    void aGuestJoinsWithAnInviteAndGetsATicketStoredOnlyAsItsHash() {
        Call call = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 4), Optional.empty()).call();
        IssuedInvite issued = invites.createInvite(hostActor, call.id(), Fixtures.guest("Gina Guest"));

        JoinResult joined = joins.joinWithInvite(issued.token(), call.id());

        Participant guest = participants.getParticipant(hostActor, call.id(), joined.participant().id());
        assertThat(guest.inviteId()).contains(issued.invite().id());
        assertThat(guest.displayName()).isEqualTo("Gina Guest");
        assertThat(guest.role()).isEqualTo(ParticipantRole.PARTICIPANT);
        assertThat(guest.status()).isEqualTo(ParticipantStatus.JOINING);
        assertThat(guest.joinedAt()).isPresent();
        assertThat(database.ticketsOf(guest.id())).singleElement().satisfies(ticket -> {
            assertThat(ticket.id()).isEqualTo(Tickets.hash(joined.ticket())).isNotEqualTo(joined.ticket());
            assertThat(ticket.expiresAt()).isEqualTo(joined.ticketExpiresAt());
            assertThat(ticket.usedAt()).isEmpty();
            assertThat(ticket.revokedAt()).isEmpty();
        });
        assertThat(database.events(call.id()))
                .extracting(Database.EventRow::type, Database.EventRow::actor, Database.EventRow::participantId)
                .containsExactly(
                        tuple("CREATED", "user:" + host.subject(), null),
                        tuple("INVITE_CREATED", "user:" + host.subject(), null),
                        tuple("JOINED", "invite:" + issued.invite().id(), guest.id()));
    }

    @Test
    void joiningAgainReturnsTheSameParticipantWithANewTicket() {
        Call call = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 4), Optional.empty()).call();
        IssuedInvite issued = invites.createInvite(hostActor, call.id(), Fixtures.guest("Gina Guest"));
        JoinResult first = joins.joinWithInvite(issued.token(), call.id());

        JoinResult second = joins.joinWithInvite(issued.token(), call.id());

        assertThat(second.participant().id()).isEqualTo(first.participant().id());
        assertThat(second.ticket()).isNotEqualTo(first.ticket());
        List<Database.TicketRow> tickets = database.ticketsOf(first.participant().id());
        assertThat(tickets).extracting(Database.TicketRow::id)
                .containsExactly(Tickets.hash(first.ticket()), Tickets.hash(second.ticket()));
        assertThat(tickets.get(0).revokedAt()).contains(tickets.get(1).issuedAt());
        assertThat(tickets.get(1).revokedAt()).isEmpty();
        assertThat(participants.listParticipants(hostActor, call.id(), Optional.empty())).hasSize(2);
    }

    @Test
    void theHostJoiningTwiceIsTheParticipantCreatedWithTheCall() {
        Call call = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 4), Optional.empty()).call();
        String hostParticipant = participants.listParticipants(hostActor, call.id(), Optional.empty()).get(0).id();

        JoinResult first = joins.joinAsUser(host, call.id());
        JoinResult second = joins.joinAsUser(host, call.id());

        assertThat(first.participant().id()).isEqualTo(hostParticipant);
        assertThat(second.participant().id()).isEqualTo(hostParticipant);
        assertThat(database.rowsOf(call.id()).participants()).isEqualTo(1);
    }

    @Test
    void endingACallRevokesItsInvitesAndTicketsAndLetsEveryoneLeave() {
        Call call = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 4), Optional.empty()).call();
        IssuedInvite used = invites.createInvite(hostActor, call.id(), Fixtures.guest("Gina Guest"));
        IssuedInvite unused = invites.createInvite(hostActor, call.id(), Fixtures.guest("Ulla Unused"));
        calls.startCall(hostActor, call.id());
        JoinResult hostJoined = joins.joinAsUser(host, call.id());
        JoinResult guestJoined = joins.joinWithInvite(used.token(), call.id());

        Call ended = calls.endCall(hostActor, call.id());

        Instant endedAt = ended.endedAt().orElseThrow();
        assertThat(ended.status()).isEqualTo(CallStatus.ENDED);
        assertThat(invites.listInvites(hostActor, call.id())).hasSize(2).allSatisfy(invite -> {
            assertThat(invite.revokedReason()).contains(InviteRevocation.CALL_CLOSED);
            assertThat(invite.revokedAt()).contains(endedAt);
        });
        for (JoinResult joined : List.of(hostJoined, guestJoined)) {
            assertThat(database.ticketsOf(joined.participant().id())).singleElement()
                    .satisfies(ticket -> assertThat(ticket.revokedAt()).contains(endedAt));
        }
        assertThat(participants.listParticipants(hostActor, call.id(), Optional.empty()))
                .extracting(Participant::status)
                .containsOnly(ParticipantStatus.LEFT);
        assertThat(database.eventTypes(call.id())).endsWith("ENDED");

        Refused.with(ErrorCode.INVITE_INVALID, () -> joins.joinWithInvite(unused.token(), call.id()));
        Refused.with(ErrorCode.CALL_ALREADY_ENDED, () -> joins.joinAsUser(host, call.id()));
    }
}
