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
import dev.kaiwa.participant.ParticipantStatus;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The periodic sweep on its real timer (server settings: every second, two seconds of grace, tickets
 * valid five seconds): scheduled calls nobody joined become MISSED, joined ones stay, and a participant
 * whose ticket expired unused leaves. Nothing here calls the sweep directly.
 */
@ExtendWith(ArquillianExtension.class)
class CallSweepInContainerIT {
    private static final Duration SWEEP_DEADLINE = Duration.ofSeconds(15);
    private static final Duration TICKET_DEADLINE = Duration.ofSeconds(25);

    @Deployment
    static WebArchive deployment() {
        return Deployments.core(CallSweepInContainerIT.class);
    }

    @Inject
    CallService calls;

    @Inject
    InviteService invites;

    @Inject
    JoinService joins;

    @Inject
    Database database;

    private final Caller host = Fixtures.host();
    private final Actor.User hostActor = Fixtures.actor(host);

    @Test
    void aScheduledCallNobodyJoinsBecomesMissed() {
        Call call = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 4), Optional.empty()).call();
        invites.createInvite(hostActor, call.id(), Fixtures.guest("Gina Guest"));
        moveIntoThePast(call);

        awaitStatus(call.id(), CallStatus.MISSED);

        Call missed = calls.getCall(hostActor, call.id());
        assertThat(missed.endedAt()).isPresent();
        assertThat(database.events(call.id()))
                .extracting(Database.EventRow::type, Database.EventRow::actor)
                .endsWith(tuple("MISSED", "system"));
        assertThat(invites.listInvites(hostActor, call.id())).singleElement().satisfies(invite -> {
            assertThat(invite.revokedReason()).contains(InviteRevocation.CALL_CLOSED);
            assertThat(invite.revokedAt()).isEqualTo(missed.endedAt());
        });
    }

    @Test
    void aScheduledCallSomeoneJoinedIsNotMissed() {
        Call joined = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 4), Optional.empty()).call();
        IssuedInvite invite = invites.createInvite(hostActor, joined.id(), Fixtures.guest("Gina Guest"));
        joins.joinWithInvite(invite.token(), joined.id());
        moveIntoThePast(joined);
        // Any sweep that marks this later call has looked at the joined one too.
        Call unjoined = calls.createCall(host, Fixtures.call(Fixtures.aMinuteAgo(), 4), Optional.empty()).call();

        awaitStatus(unjoined.id(), CallStatus.MISSED);

        assertThat(calls.getCall(hostActor, joined.id()).status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(database.eventTypes(joined.id())).doesNotContain("MISSED");
    }

    @Test
    void aParticipantWhoseTicketExpiresUnusedLeaves() {
        Call call = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 4), Optional.empty()).call();
        IssuedInvite invite = invites.createInvite(hostActor, call.id(), Fixtures.guest("Gina Guest"));
        JoinResult joined = joins.joinWithInvite(invite.token(), call.id());
        String participantId = joined.participant().id();
        assertThat(database.participantStatus(participantId)).contains(ParticipantStatus.JOINING.name());

        Eventually.await("participant " + participantId + " LEFT", TICKET_DEADLINE,
                () -> database.participantStatus(participantId).equals(Optional.of(ParticipantStatus.LEFT.name())));

        assertThat(database.ticketsOf(participantId)).singleElement().satisfies(ticket -> {
            assertThat(ticket.usedAt()).isEmpty();
            assertThat(ticket.revokedAt()).hasValueSatisfying(revokedAt ->
                    assertThat(revokedAt).isAfterOrEqualTo(joined.ticketExpiresAt()));
        });
        assertThat(database.events(call.id()))
                .extracting(Database.EventRow::type, Database.EventRow::actor, Database.EventRow::participantId,
                        Database.EventRow::detail)
                .endsWith(tuple("LEFT", "system", participantId, "ticket expired unused"));
        assertThat(database.callStatus(call.id())).contains(CallStatus.SCHEDULED.name());
    }

    private void awaitStatus(String callId, CallStatus status) {
        Eventually.await("call " + callId + " " + status, SWEEP_DEADLINE,
                () -> database.callStatus(callId).equals(Optional.of(status.name())));
    }

    /**
     * Reschedules a call set up an hour ahead to a minute ago: the sweep may close a call scheduled in
     * the past at any moment, so it must not be scheduled there while the test is still setting it up.
     */
    private void moveIntoThePast(Call call) {
        calls.updateCall(hostActor, call.id(), Fixtures.call(Fixtures.aMinuteAgo(), call.maxParticipants()));
    }
}
