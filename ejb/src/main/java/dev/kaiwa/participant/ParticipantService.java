package dev.kaiwa.participant;

import dev.kaiwa.audit.AuditAction;
import dev.kaiwa.audit.AuditResourceType;
import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.call.CallAccess;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallEventType;
import dev.kaiwa.call.CallPermissions;
import dev.kaiwa.call.CallRepository;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.RandomIds;
import dev.kaiwa.signaling.SignalingTicket;
import dev.kaiwa.signaling.SignalingTicketRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Participants of a call: listing, role and media changes by hosts, removal. The call always keeps
 * at least one HOST, and a CO_HOST can neither grant nor take away the HOST role.
 */
@Stateless
public class ParticipantService {
    @Inject
    CallAccess access;

    @Inject
    CallRepository calls;

    @Inject
    ParticipantRepository participants;

    @Inject
    SignalingTicketRepository tickets;

    @Inject
    Event<ParticipantChanged> changed;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public List<Participant> listParticipants(Actor actor, String callId, Optional<ParticipantStatus> status) {
        access.visible(actor, callId);
        return participants.list(callId, status);
    }

    public Participant getParticipant(Actor actor, String callId, String participantId) {
        access.visible(actor, callId);
        return find(callId, participantId);
    }

    public Participant changeParticipant(Actor actor, String callId, String participantId, ParticipantChange change) {
        CallPermissions permissions = access.visibleForUpdate(actor, callId);
        Participant target = find(callId, participantId);
        boolean self = permissions.participant().map(own -> own.id().equals(target.id())).orElse(false);
        boolean mediaChange = change.audio().isPresent() || change.video().isPresent() || change.screen().isPresent()
                || change.hand().isPresent();
        if (mediaChange && !self && !permissions.mayModerate()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only moderators change other participants' media");
        }
        Instant now = clock.instant();
        if (change.role().isPresent() && change.role().get() != target.role()) {
            changeRole(permissions, target, change.role().get(), actor, now);
        }
        if (mediaChange) {
            target.changeMedia(change.audio().orElse(null), change.video().orElse(null), change.screen().orElse(null),
                    change.hand().orElse(null));
            calls.addEvent(new CallEvent(callId, CallEventType.MEDIA_CHANGED, now, actor.reference(), target.id(),
                    "audio=" + target.audio() + " video=" + target.video() + " screen=" + target.screen()
                            + " hand=" + target.hand()));
        }
        changed.fire(new ParticipantChanged(callId, target.id(), false));
        return target;
    }

    private void changeRole(CallPermissions permissions, Participant target, ParticipantRole granted, Actor actor,
            Instant now) {
        if (!permissions.isHost()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only the call's hosts change roles");
        }
        ParticipantRole own = permissions.participant().get().role();
        if (!own.mayChangeRole(target.role(), granted)) {
            throw new DomainException(ErrorCode.ROLE_NOT_GRANTABLE, "A CO_HOST can neither grant nor change the HOST role");
        }
        if (target.role() == ParticipantRole.HOST && participants.countHosts(target.callId()) <= 1) {
            throw new DomainException(ErrorCode.LAST_HOST, "The last HOST of a call cannot be demoted");
        }
        ParticipantRole before = target.role();
        target.changeRole(granted);
        calls.addEvent(new CallEvent(target.callId(), CallEventType.ROLE_CHANGED, now, actor.reference(), target.id(),
                before + " -> " + granted));
        audit.record(permissions.audited(actor).did(AuditAction.PARTICIPANT_ROLE_CHANGED,
                AuditResourceType.PARTICIPANT, target.id())
                .with("callId", target.callId()).with("from", before).with("to", granted));
    }

    public Participant removeParticipant(Actor actor, String callId, String participantId) {
        CallPermissions permissions = access.visibleForUpdate(actor, callId);
        if (!permissions.mayModerate() && !permissions.isHost()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only hosts and moderators remove participants");
        }
        Participant target = find(callId, participantId);
        if (target.role() == ParticipantRole.HOST && !permissions.participant().map(p -> p.role() == ParticipantRole.HOST)
                .orElse(permissions.organizationAdmin())) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only a HOST removes a HOST");
        }
        if (target.role() == ParticipantRole.HOST && participants.countHosts(callId) <= 1) {
            throw new DomainException(ErrorCode.LAST_HOST, "The last HOST of a call cannot be removed");
        }
        if (target.status() != ParticipantStatus.REMOVED) {
            Instant now = clock.instant();
            target.remove(now);
            for (SignalingTicket ticket : tickets.usable(target.id(), now)) {
                ticket.revoke(now);
            }
            calls.addEvent(new CallEvent(callId, CallEventType.REMOVED, now, actor.reference(), target.id(), null));
            audit.record(permissions.audited(actor).did(AuditAction.PARTICIPANT_REMOVED, AuditResourceType.PARTICIPANT,
                    target.id()).with("callId", callId).with("role", target.role()));
            changed.fire(new ParticipantChanged(callId, target.id(), true));
        }
        return target;
    }

    /**
     * JOINING participants whose ticket expired unused are marked LEFT. Runs from the periodic sweep.
     */
    public int expireUnusedTickets(int batchSize) {
        Instant now = clock.instant();
        List<SignalingTicket> expired = tickets.expiredUnused(now, batchSize);
        for (SignalingTicket ticket : expired) {
            ticket.revoke(now);
            participants.find(ticket.callId(), ticket.participantId())
                    .filter(participant -> participant.status() == ParticipantStatus.JOINING)
                    .filter(participant -> tickets.usable(participant.id(), now).isEmpty())
                    .ifPresent(participant -> {
                        participant.leave(now);
                        calls.addEvent(new CallEvent(ticket.callId(), CallEventType.LEFT, now, "system",
                                participant.id(), "ticket expired unused"));
                    });
        }
        return expired.size();
    }

    private Participant find(String callId, String participantId) {
        if (!RandomIds.isWellFormed(participantId)) {
            throw new DomainException(ErrorCode.PARTICIPANT_NOT_FOUND, "No such participant in this call");
        }
        return participants.find(callId, participantId)
                .orElseThrow(() -> new DomainException(ErrorCode.PARTICIPANT_NOT_FOUND, "No such participant in this call"));
    }
}
