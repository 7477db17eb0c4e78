package dev.kaiwa.call;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.invite.InviteRepository;
import dev.kaiwa.participant.ParticipantRepository;
import dev.kaiwa.signaling.SignalingTicketRepository;
import jakarta.enterprise.event.Event;
import java.time.Clock;

/** Builds the call feature's beans outside the container, with what CDI would inject. */
public final class TestingCallServices {
    private TestingCallServices() {
    }

    public static CallAccess callAccess(CallRepository calls, ParticipantRepository participants) {
        CallAccess access = new CallAccess();
        access.calls = requireNonNull(calls, "calls is null");
        access.participants = requireNonNull(participants, "participants is null");
        return access;
    }

    public static CallService callService(CallRepository calls, ParticipantRepository participants,
            InviteRepository invites, SignalingTicketRepository tickets, CallAccess access, Event<CallStarted> callStarted,
            Event<CallClosed> callClosed, CallStatistics statistics, AuditTrail audit, Clock clock) {
        CallService service = new CallService();
        service.calls = requireNonNull(calls, "calls is null");
        service.participants = requireNonNull(participants, "participants is null");
        service.invites = requireNonNull(invites, "invites is null");
        service.tickets = requireNonNull(tickets, "tickets is null");
        service.access = requireNonNull(access, "access is null");
        service.callStarted = requireNonNull(callStarted, "callStarted is null");
        service.callClosed = requireNonNull(callClosed, "callClosed is null");
        service.statistics = requireNonNull(statistics, "statistics is null");
        service.audit = requireNonNull(audit, "audit is null");
        service.clock = requireNonNull(clock, "clock is null");
        return service;
    }
}
