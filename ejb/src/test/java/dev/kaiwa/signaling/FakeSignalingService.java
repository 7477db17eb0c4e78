package dev.kaiwa.signaling;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.call.CallStatus;
import dev.kaiwa.call.CallType;
import dev.kaiwa.call.RecordingPolicy;
import dev.kaiwa.call.TranscriptionLanguage;
import dev.kaiwa.chat.ChatMessage;
import dev.kaiwa.participant.NetworkStats;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.participant.ParticipantStatus;
import dev.kaiwa.participant.WaitingReason;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.RandomIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The database side of signaling kept in memory: calls with a status and a waiting-room setting,
 * participants with roles, single-use tickets, and a record of what the hub asked for (departures,
 * dropped connections, mutes, removals, ends). It follows the rules of {@link SignalingService} that
 * the hub relies on: unknown, used or foreign tickets are {@code TICKET_INVALID}, a paused call is
 * {@code CALL_PAUSED}, an ended one {@code CALL_ALREADY_ENDED}, a scheduled one starts on its first
 * join, and removed or denied participants cannot come back.
 */
final class FakeSignalingService extends SignalingService {
    static final Duration PARTICIPANT_TOKEN_TTL = Duration.ofMinutes(15);

    private final Clock clock;
    private final Map<String, StoredCall> storedCalls = new HashMap<>();
    private final Map<String, StoredParticipant> storedParticipants = new LinkedHashMap<>();
    private final Map<String, StoredTicket> storedTickets = new HashMap<>();
    private final List<Departure> departures = new ArrayList<>();
    private final List<String> disconnections = new ArrayList<>();
    private final List<Mute> mutes = new ArrayList<>();
    private final List<String> removals = new ArrayList<>();
    private final List<String> endedByModerator = new ArrayList<>();
    private final List<String> emptyCallEnds = new ArrayList<>();
    private final List<ChatMessage> chatMessages = new ArrayList<>();
    private RuntimeException nextFailure;

    /** A participant left, with the reason the hub gave. */
    record Departure(String participantId, String reason) {
    }

    /** A moderator muted a participant. */
    record Mute(String participantId, String moderatorId) {
    }

    FakeSignalingService(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    // ---------------------------------------------------------------- arranging

    /** A running call without a waiting room; returns its id. */
    String startCall(String title) {
        return addCall(title, CallStatus.IN_PROGRESS, false);
    }

    /** A running call whose participants, unless they moderate, wait to be admitted; returns its id. */
    String startCallWithWaitingRoom(String title) {
        return addCall(title, CallStatus.IN_PROGRESS, true);
    }

    String addCall(String title, CallStatus status, boolean waitingRoom) {
        String id = RandomIds.newId();
        storedCalls.put(id, new StoredCall(id, requireNonNull(title, "title is null"), status, waitingRoom));
        return id;
    }

    /** Moves a call to {@code status} as the REST API would (pause, resume, end, cancel). */
    void changeCallStatus(String callId, CallStatus status) {
        call(callId).status = requireNonNull(status, "status is null");
    }

    /** Someone invited to the call who has not joined yet; returns its id. */
    String invite(String callId, String displayName, ParticipantRole role) {
        call(callId);
        String id = RandomIds.newId();
        storedParticipants.put(id, new StoredParticipant(id, callId, requireNonNull(displayName, "displayName is null"),
                requireNonNull(role, "role is null")));
        return id;
    }

    /**
     * A fresh single-use ticket for the participant, as REST {@code /join} hands out. Someone removed
     * or denied gets one too, standing for a ticket obtained before, which signaling must refuse.
     */
    String ticket(String participantId) {
        StoredParticipant participant = participant(participantId);
        if (participant.status == ParticipantStatus.INVITED || participant.status == ParticipantStatus.LEFT) {
            participant.status = ParticipantStatus.JOINING;
        }
        String ticket = RandomIds.randomToken(32);
        storedTickets.put(ticket, new StoredTicket(participant.callId, participantId));
        return ticket;
    }

    /**
     * Makes the next call from the hub throw {@code failure} without changing anything, as a
     * transaction that rolled back would: a {@link DomainException} for a broken rule, anything
     * else for a fault.
     */
    void failNextCall(RuntimeException failure) {
        nextFailure = requireNonNull(failure, "failure is null");
    }

    // ---------------------------------------------------------------- what the hub asked for

    CallStatus callStatus(String callId) {
        return call(callId).status;
    }

    ParticipantStatus participantStatus(String participantId) {
        return participant(participantId).status;
    }

    boolean audio(String participantId) {
        return participant(participantId).audio;
    }

    /** Departures recorded, oldest first; a departure is recorded only for someone who occupied a place. */
    List<Departure> departures() {
        return List.copyOf(departures);
    }

    /** Participants whose connection dropped, oldest first. */
    List<String> disconnections() {
        return List.copyOf(disconnections);
    }

    List<Mute> mutes() {
        return List.copyOf(mutes);
    }

    /** Participants a moderator asked to remove, oldest first. */
    List<String> removals() {
        return List.copyOf(removals);
    }

    /** Calls a moderator ended over signaling, oldest first. */
    List<String> endedByModerator() {
        return List.copyOf(endedByModerator);
    }

    /** Calls the hub asked to end because nobody was left in them, oldest first. */
    List<String> emptyCallEnds() {
        return List.copyOf(emptyCallEnds);
    }

    List<ChatMessage> chatMessages() {
        return List.copyOf(chatMessages);
    }

    // ---------------------------------------------------------------- SignalingService

    @Override
    public Admission admitWithTicket(String callId, String ticket) {
        failIfTold();
        StoredTicket stored = storedTickets.get(ticket);
        if (stored == null || stored.used || !stored.callId.equals(callId)) {
            throw new DomainException(ErrorCode.TICKET_INVALID, "The ticket is unknown, used, expired or for another call");
        }
        stored.used = true;
        StoredCall call = joinableCall(callId);
        StoredParticipant participant = admissible(callId, stored.participantId);
        boolean waiting = call.waitingRoom && !participant.role.mayModerate();
        participant.status = waiting ? ParticipantStatus.WAITING : ParticipantStatus.CONNECTED;
        return admission(call, participant, waiting);
    }

    @Override
    public Admission resume(String callId, String participantId, WaitingReason waiting) {
        failIfTold();
        StoredCall call = call(callId);
        if (call.status.isTerminal()) {
            throw new DomainException(ErrorCode.CALL_ALREADY_ENDED, "The call is " + call.status);
        }
        StoredParticipant participant = admissible(callId, participantId);
        if (!participant.status.occupiesPlace()) {
            throw new DomainException(ErrorCode.RESUME_INVALID, "The participant has left the call");
        }
        participant.status = waiting != null ? ParticipantStatus.WAITING : ParticipantStatus.CONNECTED;
        return admission(call, participant, waiting != null);
    }

    /** Calls in this fake are never recorded (policy OFF). */
    @Override
    public void startRequiredRecording(String callId) {
    }

    @Override
    public Admission admit(String callId, String participantId, String moderatorId) {
        failIfTold();
        StoredParticipant participant = admissible(callId, participantId);
        if (participant.status != ParticipantStatus.WAITING) {
            throw new DomainException(ErrorCode.PEER_NOT_FOUND, "That participant is not waiting");
        }
        participant.status = ParticipantStatus.CONNECTED;
        return admission(call(callId), participant, false);
    }

    @Override
    public PeerView deny(String callId, String participantId, String moderatorId) {
        failIfTold();
        StoredParticipant participant = admissible(callId, participantId);
        if (participant.status != ParticipantStatus.WAITING) {
            throw new DomainException(ErrorCode.PEER_NOT_FOUND, "That participant is not waiting");
        }
        participant.status = ParticipantStatus.DENIED;
        return participant.view();
    }

    @Override
    public PeerView changeMedia(String callId, String participantId, Boolean audio, Boolean video, Boolean screen) {
        failIfTold();
        StoredParticipant participant = admissible(callId, participantId);
        if (audio != null) {
            participant.audio = audio;
        }
        if (video != null) {
            participant.video = video;
        }
        if (screen != null) {
            participant.screen = screen;
        }
        return participant.view();
    }

    @Override
    public PeerView changeHand(String callId, String participantId, boolean raised) {
        failIfTold();
        StoredParticipant participant = admissible(callId, participantId);
        participant.hand = raised;
        return participant.view();
    }

    @Override
    public PeerView mute(String callId, String targetId, String moderatorId) {
        failIfTold();
        StoredParticipant target = admissible(callId, targetId);
        target.audio = false;
        mutes.add(new Mute(targetId, moderatorId));
        return target.view();
    }

    /** Records the removal; the test delivers the {@code ParticipantChanged} event the real service fires. */
    @Override
    public PeerView remove(String callId, String targetId, String moderatorId) {
        failIfTold();
        StoredParticipant target = admissible(callId, targetId);
        target.status = ParticipantStatus.REMOVED;
        removals.add(targetId);
        return target.view();
    }

    /** Records the end; the test delivers the {@code CallClosed} event the real service fires. */
    @Override
    public void end(String callId, String moderatorId) {
        failIfTold();
        call(callId).status = CallStatus.ENDED;
        endedByModerator.add(callId);
    }

    @Override
    public ChatMessage chat(String callId, String participantId, String text) {
        failIfTold();
        StoredParticipant participant = admissible(callId, participantId);
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty() || trimmed.length() > ChatMessage.MAX_TEXT) {
            throw DomainException.invalidField("text", "must be 1 to " + ChatMessage.MAX_TEXT + " characters");
        }
        ChatMessage message = new ChatMessage(callId, participantId, participant.displayName, trimmed, clock.instant());
        chatMessages.add(message);
        return message;
    }

    @Override
    public PeerView recordStats(String callId, String participantId, NetworkStats stats) {
        failIfTold();
        StoredParticipant participant = admissible(callId, participantId);
        participant.quality = stats.qualityScore();
        return participant.view();
    }

    @Override
    public void disconnected(String callId, String participantId) {
        failIfTold();
        StoredParticipant participant = participant(participantId);
        if (participant.status == ParticipantStatus.CONNECTED || participant.status == ParticipantStatus.WAITING) {
            participant.status = ParticipantStatus.RECONNECTING;
            disconnections.add(participantId);
        }
    }

    @Override
    public void left(String callId, String participantId, String reason) {
        failIfTold();
        StoredParticipant participant = participant(participantId);
        if (participant.status.occupiesPlace()) {
            participant.status = ParticipantStatus.LEFT;
            departures.add(new Departure(participantId, reason));
        }
    }

    @Override
    public PeerView view(String callId, String participantId) {
        failIfTold();
        return participant(participantId).view();
    }

    @Override
    public boolean endEmptyCall(String callId) {
        failIfTold();
        emptyCallEnds.add(callId);
        StoredCall call = call(callId);
        boolean occupied = storedParticipants.values().stream()
                .anyMatch(participant -> participant.callId.equals(callId) && participant.status.occupiesPlace());
        if (!call.status.isActive() || occupied) {
            return false;
        }
        call.status = CallStatus.ENDED;
        return true;
    }

    // ---------------------------------------------------------------- helpers

    private void failIfTold() {
        RuntimeException failure = nextFailure;
        if (failure != null) {
            nextFailure = null;
            throw failure;
        }
    }

    private StoredCall joinableCall(String callId) {
        StoredCall call = call(callId);
        switch (call.status) {
            case SCHEDULED -> call.status = CallStatus.IN_PROGRESS;
            case IN_PROGRESS -> {
            }
            case PAUSED -> throw new DomainException(ErrorCode.CALL_PAUSED, "The call is paused and accepts no new joins");
            case ENDED, CANCELLED, MISSED, FAILED -> throw new DomainException(ErrorCode.CALL_ALREADY_ENDED,
                    "The call is " + call.status);
        }
        return call;
    }

    private StoredParticipant admissible(String callId, String participantId) {
        StoredParticipant participant = storedParticipants.get(participantId);
        if (participant == null || !participant.callId.equals(callId)) {
            throw new DomainException(ErrorCode.PEER_NOT_FOUND, "No such participant in this call");
        }
        if (participant.status == ParticipantStatus.REMOVED || participant.status == ParticipantStatus.DENIED) {
            throw new DomainException(ErrorCode.PARTICIPANT_REMOVED, "You were removed from this call");
        }
        return participant;
    }

    private Admission admission(StoredCall call, StoredParticipant participant, boolean waiting) {
        Instant expires = clock.instant().plus(PARTICIPANT_TOKEN_TTL);
        Admission.CallView view = new Admission.CallView(call.id, call.title, CallType.VIDEO.name(), call.status.name(),
                RecordingPolicy.OFF.name(), false, TranscriptionLanguage.EN.code(), true, call.waitingRoom);
        return new Admission(view, participant.view(), waiting ? WaitingReason.ADMISSION : null,
                "participant-token-" + RandomIds.randomToken(16), expires, Map.of(), List.of(), null);
    }

    private StoredCall call(String callId) {
        StoredCall call = storedCalls.get(callId);
        if (call == null) {
            throw new IllegalArgumentException("no call " + callId + " was added to this fake");
        }
        return call;
    }

    private StoredParticipant participant(String participantId) {
        StoredParticipant participant = storedParticipants.get(participantId);
        if (participant == null) {
            throw new IllegalArgumentException("no participant " + participantId + " was invited in this fake");
        }
        return participant;
    }

    private static final class StoredCall {
        final String id;
        final String title;
        final boolean waitingRoom;
        CallStatus status;

        StoredCall(String id, String title, CallStatus status, boolean waitingRoom) {
            this.id = id;
            this.title = title;
            this.status = requireNonNull(status, "status is null");
            this.waitingRoom = waitingRoom;
        }
    }

    private static final class StoredParticipant {
        final String id;
        final String callId;
        final String displayName;
        final ParticipantRole role;
        ParticipantStatus status = ParticipantStatus.INVITED;
        boolean audio = true;
        boolean video = true;
        boolean screen;
        boolean hand;
        int quality = 100;

        StoredParticipant(String id, String callId, String displayName, ParticipantRole role) {
            this.id = id;
            this.callId = callId;
            this.displayName = displayName;
            this.role = role;
        }

        PeerView view() {
            return new PeerView(id, displayName, role, status, audio, video, screen, hand, quality);
        }
    }

    private static final class StoredTicket {
        final String callId;
        final String participantId;
        boolean used;

        StoredTicket(String callId, String participantId) {
            this.callId = callId;
            this.participantId = participantId;
        }
    }
}
