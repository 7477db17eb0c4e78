package dev.kaiwa.call;

import dev.kaiwa.participant.Participant;
import dev.kaiwa.participant.ParticipantRepository;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.RandomIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Loads a call for an actor and works out its permissions. A call the actor may not see is reported
 * as not found, so ids of other organizations' calls cannot be probed.
 */
@ApplicationScoped
public class CallAccess {
    @Inject
    CallRepository calls;

    @Inject
    ParticipantRepository participants;

    /** The call and the actor's permissions, or CALL_NOT_FOUND when it may not see it. */
    public CallPermissions visible(Actor actor, String callId) {
        return permissions(actor, callId, false);
    }

    /** Like {@link #visible}, with the call row locked for the rest of the transaction. */
    public CallPermissions visibleForUpdate(Actor actor, String callId) {
        return permissions(actor, callId, true);
    }

    /** The call and permissions, or FORBIDDEN when the actor may see but not manage it. */
    public CallPermissions manageable(Actor actor, String callId) {
        CallPermissions permissions = permissions(actor, callId, true);
        if (!permissions.mayManage()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only the call's hosts and its organization's admins may do this");
        }
        return permissions;
    }

    private CallPermissions permissions(Actor actor, String callId, boolean lock) {
        if (!RandomIds.isWellFormed(callId)) {
            throw notFound();
        }
        Optional<Call> found = lock ? calls.findForUpdate(callId) : calls.find(callId);
        Call call = found.orElseThrow(CallAccess::notFound);
        CallPermissions permissions = actor instanceof Actor.User user
                ? forUser(call, user.caller())
                : forGuest(call, (Actor.Guest) actor);
        if (!permissions.mayView()) {
            throw notFound();
        }
        return permissions;
    }

    private CallPermissions forUser(Call call, Caller caller) {
        boolean sameOrganization = call.organization().equals(caller.organization());
        Optional<Participant> participant = participants.findBySubject(call.id(), caller.subject());
        return new CallPermissions(call, participant, call.createdBy().equals(caller.subject()),
                sameOrganization && caller.isAdmin(), sameOrganization && caller.isAuditor());
    }

    private CallPermissions forGuest(Call call, Actor.Guest guest) {
        if (!guest.callId().equals(call.id())) {
            return new CallPermissions(call, Optional.empty(), false, false, false);
        }
        return new CallPermissions(call, participants.find(call.id(), guest.participantId()), false, false, false);
    }

    static DomainException notFound() {
        return new DomainException(ErrorCode.CALL_NOT_FOUND, "No such call, or it is not visible to you");
    }
}
