package dev.kaiwa.call;

import dev.kaiwa.audit.AuditAction;
import dev.kaiwa.audit.AuditResourceType;
import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.invite.Invite;
import dev.kaiwa.invite.InviteRepository;
import dev.kaiwa.invite.InviteRevocation;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.participant.ParticipantRepository;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.Cursor;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.Page;
import dev.kaiwa.signaling.SignalingTicketRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Use cases of a call's life: create, read, change while scheduled, and the lifecycle moves.
 * Every move goes through {@link Call#moveTo}; closing a call also closes its invites and tickets.
 */
@Stateless
public class CallService {
    @Inject
    CallRepository calls;

    @Inject
    ParticipantRepository participants;

    @Inject
    InviteRepository invites;

    @Inject
    SignalingTicketRepository tickets;

    @Inject
    CallAccess access;

    @Inject
    Event<CallStarted> callStarted;

    @Inject
    Event<CallClosed> callClosed;

    @Inject
    CallStatistics statistics;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /**
     * Creates a call owned by the caller, who becomes its HOST participant-to-be. With an
     * idempotency key, a repeated request returns the call the first one created.
     */
    public CallCreation createCall(Caller caller, CallDraft draft, Optional<String> idempotencyKey) {
        if (!caller.mayCreateCalls()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Creating calls needs the kaiwa-host or kaiwa-admin group");
        }
        if (idempotencyKey.isPresent()) {
            Optional<Call> existing = calls.findByIdempotencyKey(caller.subject(), idempotencyKey.get());
            if (existing.isPresent()) {
                return new CallCreation(existing.get(), false);
            }
        }
        Instant now = clock.instant();
        Call call = new Call(draft, caller.organization(), caller.subject(), now, idempotencyKey.orElse(null));
        calls.add(call);
        participants.add(Participant.forUser(call.id(), caller.subject(), caller.organization(), caller.displayName(),
                caller.emailAddress().orElse(null), ParticipantRole.HOST, now));
        calls.addEvent(new CallEvent(call.id(), CallEventType.CREATED, now, "user:" + caller.subject(), null, null));
        statistics.callCreated();
        return new CallCreation(call, true);
    }

    /** The call a repeated create with this key made, if any. */
    public Optional<Call> findByIdempotencyKey(Caller caller, String idempotencyKey) {
        return calls.findByIdempotencyKey(caller.subject(), idempotencyKey);
    }

    public Call getCall(Actor actor, String callId) {
        return access.visible(actor, callId).call();
    }

    public CallPermissions permissions(Actor actor, String callId) {
        return access.visible(actor, callId);
    }

    public Page<Call> listCalls(Caller caller, CallFilter filter, Optional<String> cursor, Integer limit) {
        int size = Page.checkLimit(limit);
        Optional<Cursor> after = cursor.map(Cursor::decode);
        List<Call> rows = calls.list(caller, filter, after, size + 1);
        List<Call> items = rows.size() > size ? rows.subList(0, size) : rows;
        Optional<String> next = rows.size() > size
                ? Optional.of(new Cursor(items.get(size - 1).createdAt(), items.get(size - 1).id()).encode())
                : Optional.empty();
        return new Page<>(items, next);
    }

    public Call updateCall(Actor actor, String callId, CallDraft draft) {
        Call call = access.manageable(actor, callId).call();
        Instant now = clock.instant();
        call.reschedule(draft, now);
        calls.addEvent(new CallEvent(callId, CallEventType.UPDATED, now, actor.reference(), null, null));
        return call;
    }

    public Call startCall(Actor actor, String callId) {
        return move(actor, callId, CallStatus.SCHEDULED, CallStatus.IN_PROGRESS, CallEventType.STARTED);
    }

    public Call pauseCall(Actor actor, String callId) {
        return move(actor, callId, CallStatus.IN_PROGRESS, CallStatus.PAUSED, CallEventType.PAUSED);
    }

    public Call resumeCall(Actor actor, String callId) {
        return move(actor, callId, CallStatus.PAUSED, CallStatus.IN_PROGRESS, CallEventType.RESUMED);
    }

    /** Ends the call; besides hosts and admins, the call's moderators may end it (a moderator action). */
    public Call endCall(Actor actor, String callId) {
        return move(actor, callId, null, CallStatus.ENDED, CallEventType.ENDED);
    }

    public Call cancelCall(Actor actor, String callId) {
        return move(actor, callId, null, CallStatus.CANCELLED, CallEventType.CANCELLED);
    }

    /**
     * One lifecycle action. {@code from} (when not null) is the only status the action starts from:
     * "start" and "resume" both lead to IN_PROGRESS, but from different places.
     */
    private Call move(Actor actor, String callId, CallStatus from, CallStatus target, CallEventType eventType) {
        CallPermissions permissions = access.visibleForUpdate(actor, callId);
        boolean moderatorEnds = target == CallStatus.ENDED && permissions.mayModerate();
        if (!permissions.mayManage() && !moderatorEnds) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only the call's hosts and its organization's admins may do this");
        }
        Call call = permissions.call();
        Instant now = clock.instant();
        if (from != null && call.status() != from && !call.status().isTerminal()) {
            throw new DomainException(ErrorCode.ILLEGAL_CALL_TRANSITION, "This action needs a " + from + " call; this one is "
                    + call.status());
        }
        CallStatus before = call.status();
        call.moveTo(target, now);
        calls.addEvent(new CallEvent(callId, eventType, now, actor.reference(), null, null));
        if (eventType == CallEventType.STARTED) {
            callStarted.fire(new CallStarted(callId));
        }
        if (target.isTerminal()) {
            close(call, now);
        }
        if (target == CallStatus.ENDED || target == CallStatus.CANCELLED) {
            audit.record(permissions.audited(actor)
                    .did(target == CallStatus.ENDED ? AuditAction.CALL_ENDED : AuditAction.CALL_CANCELLED,
                            AuditResourceType.CALL, callId)
                    .with("from", before));
        }
        statistics.refresh();
        return call;
    }

    /**
     * Marks scheduled calls nobody joined within {@code grace} of their scheduled time as MISSED.
     * Runs from a periodic sweep; the state lives in the database, so a restart loses nothing.
     */
    public int markMissedCalls(java.time.Duration grace, int batchSize) {
        Instant now = clock.instant();
        List<Call> missed = calls.findUnjoinedScheduledBefore(now.minus(grace), batchSize);
        for (Call call : missed) {
            Call locked = calls.findForUpdate(call.id()).orElseThrow();
            if (locked.status() == CallStatus.SCHEDULED) {
                locked.moveTo(CallStatus.MISSED, now);
                calls.addEvent(new CallEvent(call.id(), CallEventType.MISSED, now, "system", null, null));
                close(locked, now);
            }
        }
        return missed.size();
    }

    /** Starts a scheduled call on the system's decision (its first join), as a person's start would. */
    public void startBySystem(Call call, String detail, Instant now) {
        call.moveTo(CallStatus.IN_PROGRESS, now);
        calls.addEvent(new CallEvent(call.id(), CallEventType.STARTED, now, "system", null, detail));
        callStarted.fire(new CallStarted(call.id()));
    }

    /** A terminal move decided by the system (everyone left, a fault), with the same clean-up as a user's. */
    public void closeBySystem(Call call, CallStatus target, String detail, Instant now) {
        call.moveTo(target, now);
        CallEventType type = switch (target) {
            case ENDED -> CallEventType.ENDED;
            case FAILED -> CallEventType.FAILED;
            case MISSED -> CallEventType.MISSED;
            case CANCELLED -> CallEventType.CANCELLED;
            case SCHEDULED, IN_PROGRESS, PAUSED -> throw new IllegalArgumentException("not a terminal status: " + target);
        };
        calls.addEvent(new CallEvent(call.id(), type, now, "system", null, detail));
        close(call, now);
        statistics.refresh();
    }

    /** Re-reads the gauges' counts; called by the sweep. */
    public void refreshStatistics() {
        statistics.refresh();
    }

    public Page<CallEvent> events(Actor actor, String callId, Optional<String> cursor, Integer limit) {
        access.visible(actor, callId);
        int size = Page.checkLimit(limit);
        List<CallEvent> rows = calls.events(callId, cursor.map(Cursor::decode), size + 1);
        List<CallEvent> items = rows.size() > size ? rows.subList(0, size) : rows;
        Optional<String> next = rows.size() > size
                ? Optional.of(new Cursor(items.get(size - 1).occurredAt(), items.get(size - 1).id()).encode())
                : Optional.empty();
        return new Page<>(items, next);
    }

    private void close(Call call, Instant now) {
        for (Invite invite : invites.list(call.id())) {
            invite.revoke(InviteRevocation.CALL_CLOSED, now);
        }
        tickets.revokeAllOfCall(call.id(), now);
        for (Participant participant : participants.list(call.id(), Optional.empty())) {
            if (participant.status().occupiesPlace()) {
                participant.leave(now);
            }
        }
        callClosed.fire(new CallClosed(call.id(), call.status()));
    }

    /** The outcome of a create: the call, and whether this request made it (false for a repeat). */
    public record CallCreation(Call call, boolean created) {
    }
}
