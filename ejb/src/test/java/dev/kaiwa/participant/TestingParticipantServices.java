package dev.kaiwa.participant;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.audit.RequestOrigin;
import dev.kaiwa.call.CallAccess;
import dev.kaiwa.call.CallRepository;
import dev.kaiwa.invite.InviteRepository;
import dev.kaiwa.security.TokenSigner;
import dev.kaiwa.signaling.SignalingTicketRepository;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Duration;

/** Builds the participant feature's beans outside the container, with what CDI and MicroProfile Config would inject. */
public final class TestingParticipantServices {
    private TestingParticipantServices() {
    }

    public static JoinService joinService(CallAccess access, CallRepository calls, ParticipantRepository participants,
            InviteRepository invites, SignalingTicketRepository tickets, TokenSigner signer, Clock clock,
            Duration ticketTtl, Duration participantTokenTtl) {
        JoinService service = new JoinService();
        service.access = requireNonNull(access, "access is null");
        service.calls = requireNonNull(calls, "calls is null");
        service.participants = requireNonNull(participants, "participants is null");
        service.invites = requireNonNull(invites, "invites is null");
        service.tickets = requireNonNull(tickets, "tickets is null");
        service.signer = requireNonNull(signer, "signer is null");
        service.clock = requireNonNull(clock, "clock is null");
        service.origin = new RequestOrigin();
        service.ticketTtl = requireNonNull(ticketTtl, "ticketTtl is null");
        service.participantTokenTtl = requireNonNull(participantTokenTtl, "participantTokenTtl is null");
        return service;
    }

    public static ParticipantService participantService(CallAccess access, CallRepository calls,
            ParticipantRepository participants, SignalingTicketRepository tickets, Event<ParticipantChanged> changed,
            AuditTrail audit, Clock clock) {
        ParticipantService service = new ParticipantService();
        service.changed = requireNonNull(changed, "changed is null");
        service.access = requireNonNull(access, "access is null");
        service.calls = requireNonNull(calls, "calls is null");
        service.participants = requireNonNull(participants, "participants is null");
        service.tickets = requireNonNull(tickets, "tickets is null");
        service.audit = requireNonNull(audit, "audit is null");
        service.clock = requireNonNull(clock, "clock is null");
        return service;
    }
}
