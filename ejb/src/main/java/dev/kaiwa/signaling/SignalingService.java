package dev.kaiwa.signaling;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallEventType;
import dev.kaiwa.call.CallRepository;
import dev.kaiwa.call.CallService;
import dev.kaiwa.call.CallStatus;
import dev.kaiwa.chat.ChatMessage;
import dev.kaiwa.chat.ChatService;
import dev.kaiwa.consent.ConsentChannel;
import dev.kaiwa.consent.ConsentNotices;
import dev.kaiwa.consent.ConsentPurpose;
import dev.kaiwa.consent.ConsentRules;
import dev.kaiwa.consent.ConsentService;
import dev.kaiwa.call.RecordingPolicy;
import dev.kaiwa.participant.WaitingReason;
import dev.kaiwa.recording.RecordingRepository;
import dev.kaiwa.recording.RecordingService;
import dev.kaiwa.recording.RecordingState;
import dev.kaiwa.participant.NetworkStats;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.participant.ParticipantRepository;
import dev.kaiwa.participant.ParticipantService;
import dev.kaiwa.participant.ParticipantStatus;
import dev.kaiwa.security.SignedClaims;
import dev.kaiwa.security.TokenPurpose;
import dev.kaiwa.security.TokenSigner;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What signaling changes in the database: tickets turned into connections, presence, media state,
 * chat, stats and moderation. Each method is one transaction and returns snapshots, so the
 * in-memory rooms never hold managed entities.
 */
@Stateless
public class SignalingService {
    @Inject
    CallRepository calls;

    @Inject
    CallService callService;

    @Inject
    ParticipantRepository participants;

    @Inject
    ParticipantService participantService;

    @Inject
    SignalingTicketRepository tickets;

    @Inject
    ChatService chat;

    @Inject
    TokenSigner signer;

    @Inject
    ConsentService consents;

    @Inject
    ConsentNotices notices;

    @Inject
    RecordingService recordingService;

    @Inject
    RecordingRepository recordings;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "kaiwa.signaling.auto-start", defaultValue = "true")
    boolean autoStart;

    @Inject
    @ConfigProperty(name = "kaiwa.waiting-room.organization-bypass", defaultValue = "false")
    boolean organizationBypass;

    @Inject
    @ConfigProperty(name = "kaiwa.participant-token.ttl", defaultValue = "PT15M")
    Duration participantTokenTtl;

    /**
     * Uses a ticket: the participant connects, or waits in the consent step (when the recording policy needs
     * its consent first) or for a moderator (when the call has a waiting room). The first join of a scheduled
     * call starts it (unless {@code kaiwa.signaling.auto-start=false}).
     */
    public Admission admitWithTicket(String callId, String ticket) {
        Instant now = clock.instant();
        SignalingTicket stored = tickets.findForUpdate(Tickets.hash(ticket))
                .filter(candidate -> candidate.isUsable(now) && candidate.callId().equals(callId))
                .orElseThrow(() -> new DomainException(ErrorCode.TICKET_INVALID,
                        "The ticket is unknown, used, expired or for another call"));
        String requestedFrom = stored.clientAddress().orElse(null);
        stored.use(now);
        Call call = joinableCall(callId, now);
        Participant participant = participant(callId, stored.participantId());
        return enter(call, participant, false, now).from(requestedFrom);
    }

    /**
     * The participant decided in the consent step: it goes on to the waiting room or into the call, or stays
     * (REQUIRED policy, recording not granted). Declining under OPTIONAL lets it in and stops every running
     * recording. A moderator's earlier admission is not asked for again.
     */
    public Admission leaveConsentStep(String callId, String participantId, boolean admittedBefore) {
        Instant now = clock.instant();
        Call call = calls.findForUpdate(callId).orElseThrow(() -> new DomainException(ErrorCode.CALL_NOT_FOUND, "No such call"));
        Participant participant = participant(callId, participantId);
        if (participant.waitingReason().orElse(null) != WaitingReason.CONSENT) {
            return admission(call, participant, now);
        }
        boolean granted = consents.grants(participantId, ConsentPurpose.RECORDING);
        if (!granted && call.settings().recordingPolicy() == RecordingPolicy.REQUIRED) {
            return admission(call, participant, now);
        }
        if (!granted) {
            recordingService.stopForUnconsentedJoin(callId);
        }
        return enter(call, participant, admittedBefore, now);
    }

    private Admission enter(Call call, Participant participant, boolean admittedBefore, Instant now) {
        String callId = call.id();
        boolean running = !recordings.capturing(callId).isEmpty();
        boolean granted = consents.grants(participant.id(), ConsentPurpose.RECORDING);
        boolean declinedBefore = participant.waitingReason().orElse(null) == WaitingReason.CONSENT;
        if (!declinedBefore && ConsentRules.needsConsentStep(call.settings().recordingPolicy(), participant.role(), granted,
                running)) {
            participant.waitForConsent(now);
            calls.addEvent(new CallEvent(callId, CallEventType.CONSENT_STEP, now, reference(participant),
                    participant.id(), null));
        }
        else if (call.settings().waitingRoom() && !admittedBefore && !participant.role().mayModerate()
                && !bypassesWaitingRoom(call, participant)) {
            participant.waitForAdmission(now);
            calls.addEvent(new CallEvent(callId, CallEventType.WAITING, now, reference(participant), participant.id(), null));
        }
        else {
            participant.connect(now);
            calls.addEvent(new CallEvent(callId, CallEventType.CONNECTED, now, reference(participant), participant.id(), null));
        }
        return admission(call, participant, now);
    }

    /** A participant comes back within the grace period with its resume token (checked by the caller). */
    public Admission resume(String callId, String participantId, WaitingReason waiting) {
        Instant now = clock.instant();
        Call call = calls.findForUpdate(callId).orElseThrow(() -> new DomainException(ErrorCode.CALL_NOT_FOUND, "No such call"));
        if (call.status().isTerminal()) {
            throw new DomainException(ErrorCode.CALL_ALREADY_ENDED, "The call is " + call.status());
        }
        Participant participant = participant(callId, participantId);
        if (!participant.status().occupiesPlace()) {
            throw new DomainException(ErrorCode.RESUME_INVALID, "The participant has left the call");
        }
        if (waiting == WaitingReason.CONSENT) {
            participant.waitForConsent(now);
        }
        else if (waiting == WaitingReason.ADMISSION) {
            participant.waitForAdmission(now);
        }
        else {
            participant.connect(now);
        }
        calls.addEvent(new CallEvent(callId, CallEventType.RECONNECTED, now, reference(participant), participant.id(), null));
        return admission(call, participant, now);
    }

    public Admission admit(String callId, String participantId, String moderatorId) {
        Instant now = clock.instant();
        Participant participant = participant(callId, participantId);
        if (participant.waitingReason().orElse(null) != WaitingReason.ADMISSION) {
            throw new DomainException(ErrorCode.PEER_NOT_FOUND, "That participant is not waiting for admission");
        }
        Call call = calls.find(callId).orElseThrow(() -> new DomainException(ErrorCode.CALL_NOT_FOUND, "No such call"));
        participant.connect(now);
        calls.addEvent(new CallEvent(callId, CallEventType.ADMITTED, now, "participant:" + moderatorId, participantId, null));
        return admission(call, participant, now);
    }

    public PeerView deny(String callId, String participantId, String moderatorId) {
        Instant now = clock.instant();
        Participant participant = participant(callId, participantId);
        if (participant.waitingReason().orElse(null) != WaitingReason.ADMISSION) {
            throw new DomainException(ErrorCode.PEER_NOT_FOUND, "That participant is not waiting for admission");
        }
        participant.deny(now);
        calls.addEvent(new CallEvent(callId, CallEventType.DENIED, now, "participant:" + moderatorId, participantId, null));
        return PeerView.of(participant);
    }

    public PeerView changeMedia(String callId, String participantId, Boolean audio, Boolean video, Boolean screen) {
        Participant participant = participant(callId, participantId);
        participant.changeMedia(audio, video, screen, null);
        calls.addEvent(new CallEvent(callId, CallEventType.MEDIA_CHANGED, clock.instant(), reference(participant),
                participantId, "audio=" + participant.audio() + " video=" + participant.video() + " screen="
                        + participant.screen()));
        return PeerView.of(participant);
    }

    public PeerView changeHand(String callId, String participantId, boolean raised) {
        Participant participant = participant(callId, participantId);
        participant.changeMedia(null, null, null, raised);
        calls.addEvent(new CallEvent(callId, CallEventType.HAND_CHANGED, clock.instant(), reference(participant),
                participantId, raised ? "raised" : "lowered"));
        return PeerView.of(participant);
    }

    /** A moderator asks the target to mute; its audio is recorded as off. */
    public PeerView mute(String callId, String targetId, String moderatorId) {
        Participant target = participant(callId, targetId);
        target.changeMedia(false, null, null, null);
        calls.addEvent(new CallEvent(callId, CallEventType.MUTED, clock.instant(), "participant:" + moderatorId, targetId,
                null));
        return PeerView.of(target);
    }

    /** Removes the target under the same rules as the REST API (hosts, moderators, last HOST stays). */
    public PeerView remove(String callId, String targetId, String moderatorId) {
        return PeerView.of(participantService.removeParticipant(new Actor.Guest(callId, moderatorId), callId, targetId));
    }

    /** Ends the call for everyone; the {@code CallClosed} event tells the rooms. */
    public void end(String callId, String moderatorId) {
        callService.endCall(new Actor.Guest(callId, moderatorId), callId);
    }

    public ChatMessage chat(String callId, String participantId, String text) {
        Participant participant = participant(callId, participantId);
        return chat.postMessage(callId, participantId, participant.displayName(), text);
    }

    /** Stores the report; true when it starts a quality degradation (an event is written). */
    public PeerView recordStats(String callId, String participantId, NetworkStats stats) {
        Instant now = clock.instant();
        Participant participant = participant(callId, participantId);
        if (participant.recordStats(stats, now)) {
            calls.addEvent(new CallEvent(callId, CallEventType.QUALITY_DEGRADED, now, reference(participant), participantId,
                    "rtt=" + stats.rttMillis() + " packetLoss=" + stats.packetLoss()));
        }
        return PeerView.of(participant);
    }

    /** The socket dropped: the participant may come back within the grace period. */
    public void disconnected(String callId, String participantId) {
        Instant now = clock.instant();
        participants.find(callId, participantId)
                .filter(participant -> participant.status() == ParticipantStatus.CONNECTED
                        || participant.status() == ParticipantStatus.WAITING)
                .ifPresent(participant -> {
                    participant.reconnecting(now);
                    calls.addEvent(new CallEvent(callId, CallEventType.DISCONNECTED, now, reference(participant),
                            participantId, null));
                });
    }

    /** The participant left, or its grace expired; what it was recording stops. */
    public void left(String callId, String participantId, String reason) {
        Instant now = clock.instant();
        participants.find(callId, participantId)
                .filter(participant -> participant.status().occupiesPlace())
                .ifPresent(participant -> {
                    participant.leave(now);
                    calls.addEvent(new CallEvent(callId, CallEventType.LEFT, now, reference(participant), participantId,
                            reason));
                    recordingService.recorderLeft(callId, participantId);
                });
    }

    /** A consent decision sent over the socket. */
    public void consent(String callId, String participantId, ConsentPurpose purpose, boolean granted,
            String noticeVersion, String language, String clientInfo) {
        consents.decide(callId, participantId, purpose, granted, noticeVersion, language, ConsentChannel.SIGNALING,
                clientInfo);
    }

    /** The recorder's answer to a start pushed to it. */
    public RecordingState recorderAnswered(String callId, String participantId, String recordingId, boolean started,
            String detail) {
        return RecordingState.of(recordingService.acknowledge(callId, participantId, recordingId, started, detail));
    }

    /** Under a REQUIRED policy, starts the call's recording if it can run now. */
    public void startRequiredRecording(String callId) {
        recordingService.startRequired(callId);
    }

    /** The notices a participant is shown for a purpose, in English and Japanese, with their version. */
    public ConsentNotices notices() {
        return notices;
    }

    /** The participant as it is stored now. */
    public PeerView view(String callId, String participantId) {
        return participants.find(callId, participantId).map(PeerView::of)
                .orElseThrow(() -> new DomainException(ErrorCode.PEER_NOT_FOUND, "No such participant in this call"));
    }

    /** Ends a running call nobody is in any more; false when it is not running or someone came back. */
    public boolean endEmptyCall(String callId) {
        Instant now = clock.instant();
        Optional<Call> found = calls.findForUpdate(callId);
        if (found.isEmpty() || !found.get().status().isActive() || participants.countOccupyingPlaces(callId) > 0) {
            return false;
        }
        callService.closeBySystem(found.get(), CallStatus.ENDED, "everyone left", now);
        return true;
    }

    private Call joinableCall(String callId, Instant now) {
        Call call = calls.findForUpdate(callId).orElseThrow(() -> new DomainException(ErrorCode.TICKET_INVALID,
                "The ticket is for no call"));
        switch (call.status()) {
            case SCHEDULED -> {
                if (autoStart) {
                    callService.startBySystem(call, "first join", now);
                }
            }
            case IN_PROGRESS -> {
            }
            case PAUSED -> throw new DomainException(ErrorCode.CALL_PAUSED, "The call is paused and accepts no new joins");
            case ENDED, CANCELLED, MISSED, FAILED -> throw new DomainException(ErrorCode.CALL_ALREADY_ENDED,
                    "The call is " + call.status());
        }
        return call;
    }

    private boolean bypassesWaitingRoom(Call call, Participant participant) {
        return organizationBypass && participant.organization().map(call.organization()::equals).orElse(false);
    }

    private Participant participant(String callId, String participantId) {
        Participant participant = participants.find(callId, participantId)
                .orElseThrow(() -> new DomainException(ErrorCode.PEER_NOT_FOUND, "No such participant in this call"));
        if (participant.status() == ParticipantStatus.REMOVED || participant.status() == ParticipantStatus.DENIED) {
            throw new DomainException(ErrorCode.PARTICIPANT_REMOVED, "You were removed from this call");
        }
        return participant;
    }

    private Admission admission(Call call, Participant participant, Instant now) {
        Instant expires = now.plus(participantTokenTtl);
        String token = signer.sign(new SignedClaims(TokenPurpose.PARTICIPANT, call.id(), participant.id(), expires));
        List<RecordingState> running = recordings.capturing(call.id()).stream().map(RecordingState::of).toList();
        return new Admission(Admission.CallView.of(call), PeerView.of(participant),
                participant.waitingReason().orElse(null), token, expires, consents.current(participant.id()), running,
                null);
    }

    private static String reference(Participant participant) {
        return "participant:" + participant.id();
    }
}
