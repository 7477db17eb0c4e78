package dev.kaiwa.participant;

import dev.kaiwa.audit.RequestOrigin;
import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallAccess;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallEventType;
import dev.kaiwa.call.CallPermissions;
import dev.kaiwa.call.CallRepository;
import dev.kaiwa.invite.Invite;
import dev.kaiwa.invite.InviteRepository;
import dev.kaiwa.security.SignedClaims;
import dev.kaiwa.security.TokenPurpose;
import dev.kaiwa.security.TokenSigner;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.RandomIds;
import dev.kaiwa.signaling.SignalingTicket;
import dev.kaiwa.signaling.SignalingTicketRepository;
import dev.kaiwa.signaling.Tickets;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets people into a call: SSO users who created it, administer its organization or hold an invite
 * addressed to them, and guests with an invite token. Joining again as the same SSO user or with the
 * same single-use invite returns the same participant with a new ticket, so a page reload neither
 * locks anyone out nor creates a duplicate; a multi-use invite (a link shared by several people)
 * makes a new participant each time.
 */
@Stateless
public class JoinService {
    @Inject
    CallAccess access;

    @Inject
    CallRepository calls;

    @Inject
    ParticipantRepository participants;

    @Inject
    InviteRepository invites;

    @Inject
    SignalingTicketRepository tickets;

    @Inject
    TokenSigner signer;

    @Inject
    RequestOrigin origin;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "kaiwa.ticket.ttl", defaultValue = "PT60S")
    Duration ticketTtl;

    @Inject
    @ConfigProperty(name = "kaiwa.participant-token.ttl", defaultValue = "PT15M")
    Duration participantTokenTtl;

    public JoinResult joinAsUser(Caller caller, String callId) {
        Call call = lockedCall(callId);
        CallPermissions permissions = permissionsOrNotFound(new Actor.User(caller), callId, call);
        Instant now = clock.instant();
        Optional<Participant> existing = participants.findBySubject(callId, caller.subject());
        if (existing.isPresent()) {
            return admit(call, existing.get(), false, "user:" + caller.subject(), now);
        }
        Participant participant;
        if (permissions.creator() || permissions.organizationAdmin()) {
            participant = Participant.forUser(callId, caller.subject(), caller.organization(), caller.displayName(),
                    caller.emailAddress().orElse(null),
                    permissions.creator() ? ParticipantRole.HOST : ParticipantRole.MODERATOR, now);
        }
        else {
            Invite invite = caller.emailAddress()
                    .flatMap(email -> invites.findAddressedTo(callId, email).stream()
                            .filter(candidate -> candidate.isUsable(now))
                            .findFirst())
                    .orElseThrow(() -> new DomainException(ErrorCode.FORBIDDEN,
                            "You may join only calls you created, calls of your organization as an admin, "
                                    + "or calls you are invited to"));
            participant = Participant.forUser(callId, caller.subject(), caller.organization(), invite.displayName(),
                    caller.emailAddress().orElse(null), invite.role(), now);
        }
        return admit(call, participant, true, "user:" + caller.subject(), now);
    }

    public JoinResult joinWithInvite(String inviteToken, String callId) {
        SignedClaims claims = signer.verify(inviteToken, TokenPurpose.INVITE)
                .filter(verified -> verified.callId().equals(callId))
                .orElseThrow(JoinService::invalidInvite);
        Call call = lockedCall(callId);
        Instant now = clock.instant();
        Invite invite = invites.find(callId, claims.subject())
                .filter(candidate -> candidate.isUsable(now))
                .orElseThrow(JoinService::invalidInvite);
        Optional<Participant> existing = invite.singleUse() ? participants.findByInvite(callId, invite.id())
                : Optional.empty();
        if (existing.isPresent()) {
            return admit(call, existing.get(), false, "invite:" + invite.id(), now);
        }
        Participant participant = Participant.forInvite(callId, invite.id(), invite.displayName(),
                invite.email().orElse(null), invite.role(), now);
        return admit(call, participant, true, "invite:" + invite.id(), now);
    }

    /** Checks the call can take the participant, then hands out a fresh ticket and participant token. */
    private JoinResult admit(Call call, Participant participant, boolean isNew, String actor, Instant now) {
        if (participant.status() == ParticipantStatus.REMOVED || participant.status() == ParticipantStatus.DENIED) {
            throw new DomainException(ErrorCode.PARTICIPANT_REMOVED, "You were removed from this call");
        }
        requireJoinable(call);
        requirePlace(call, participant);
        if (isNew) {
            participants.add(participant);
        }
        for (SignalingTicket previous : tickets.usable(participant.id(), now)) {
            previous.revoke(now);
        }
        participant.startJoining(now);
        String ticket = RandomIds.randomToken(32);
        Instant ticketExpiresAt = now.plus(ticketTtl);
        tickets.add(new SignalingTicket(Tickets.hash(ticket), call.id(), participant.id(), now, ticketExpiresAt,
                clientAddress()));
        Instant tokenExpiresAt = now.plus(participantTokenTtl);
        String token = signer.sign(new SignedClaims(TokenPurpose.PARTICIPANT, call.id(), participant.id(), tokenExpiresAt));
        calls.addEvent(new CallEvent(call.id(), CallEventType.JOINED, now, actor, participant.id(), null));
        return new JoinResult(participant, ticket, ticketExpiresAt, token, tokenExpiresAt);
    }

    /** The REST client asking for the ticket, if a request is being served. */
    private String clientAddress() {
        try {
            return origin.clientAddress().orElse(null);
        }
        catch (ContextNotActiveException e) {
            return null;
        }
    }

    private Call lockedCall(String callId) {
        if (!RandomIds.isWellFormed(callId)) {
            throw new DomainException(ErrorCode.CALL_NOT_FOUND, "No such call, or it is not visible to you");
        }
        return calls.findForUpdate(callId)
                .orElseThrow(() -> new DomainException(ErrorCode.CALL_NOT_FOUND, "No such call, or it is not visible to you"));
    }

    private CallPermissions permissionsOrNotFound(Actor actor, String callId, Call call) {
        try {
            return access.visible(actor, callId);
        }
        catch (DomainException e) {
            if (e.code() == ErrorCode.CALL_NOT_FOUND && actor instanceof Actor.User user
                    && user.caller().emailAddress().isPresent()
                    && !invites.findAddressedTo(call.id(), user.caller().emailAddress().get()).isEmpty()) {
                return new CallPermissions(call, Optional.empty(), false, false, false);
            }
            throw e;
        }
    }

    private static void requireJoinable(Call call) {
        switch (call.status()) {
            case SCHEDULED, IN_PROGRESS -> {
            }
            case PAUSED -> throw new DomainException(ErrorCode.CALL_PAUSED, "The call is paused and accepts no new joins");
            case ENDED, CANCELLED, MISSED, FAILED -> throw new DomainException(ErrorCode.CALL_ALREADY_ENDED,
                    "The call is " + call.status());
        }
    }

    private void requirePlace(Call call, Participant participant) {
        long occupied = participants.countOccupyingPlaces(call.id());
        if (participant.status().occupiesPlace()) {
            occupied--;
        }
        if (occupied >= call.maxParticipants()) {
            throw new DomainException(ErrorCode.CALL_FULL, "The call has " + call.maxParticipants() + " participants already");
        }
    }

    private static DomainException invalidInvite() {
        return new DomainException(ErrorCode.INVITE_INVALID, "The invite is forged, expired, revoked or for another call");
    }
}
