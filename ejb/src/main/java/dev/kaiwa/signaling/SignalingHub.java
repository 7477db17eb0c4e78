package dev.kaiwa.signaling;

import dev.kaiwa.audit.ConnectionOrigin;
import dev.kaiwa.call.CallClosed;
import dev.kaiwa.chat.ChatMessage;
import dev.kaiwa.consent.ConsentChanged;
import dev.kaiwa.consent.ConsentNotices;
import dev.kaiwa.consent.ConsentPurpose;
import dev.kaiwa.participant.WaitingReason;
import dev.kaiwa.recording.RecordingChanged;
import dev.kaiwa.recording.RecordingState;
import dev.kaiwa.participant.NetworkStats;
import dev.kaiwa.participant.ParticipantChanged;
import dev.kaiwa.participant.ParticipantStatus;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.RandomIds;
import io.github.bucket4j.Bucket;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The live side of calls on this node: who is connected to which call, relaying offers, answers
 * and candidates between them, presence, chat, moderation, liveness and resume. Database changes
 * go through {@link SignalingService}; membership changes of one call are serialized on its room.
 */
@ApplicationScoped
public class SignalingHub {
    /** Looked up once: every Json.* call would look the provider up again. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final int CLOSE_NORMAL = 1000;
    public static final int CLOSE_GOING_AWAY = 1001;
    public static final int CLOSE_POLICY = 1008;
    public static final int CLOSE_SERVER_ERROR = 1011;
    public static final int CLOSE_REPLACED = 4000;
    public static final int CLOSE_REMOVED = 4003;

    private static final Logger LOG = Logger.getLogger(SignalingHub.class.getName());
    private static final int QUALITY_STEP = 10;

    @Inject
    SignalingService service;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "kaiwa.signaling.join-timeout", defaultValue = "PT10S")
    Duration joinTimeout;

    @Inject
    @ConfigProperty(name = "kaiwa.signaling.idle-timeout", defaultValue = "PT20S")
    Duration idleTimeout;

    @Inject
    @ConfigProperty(name = "kaiwa.signaling.reconnect-grace", defaultValue = "PT30S")
    Duration reconnectGrace;

    @Inject
    @ConfigProperty(name = "kaiwa.signaling.empty-call-grace", defaultValue = "PT60S")
    Duration emptyCallGrace;

    @Inject
    @ConfigProperty(name = "kaiwa.signaling.mesh-max", defaultValue = "4")
    int meshMax;

    @Inject
    @ConfigProperty(name = "kaiwa.signaling.messages-per-second", defaultValue = "50")
    int messagesPerSecond;

    @Inject
    @ConfigProperty(name = "kaiwa.signaling.burst", defaultValue = "100")
    int burst;

    @Inject
    @ConfigProperty(name = "kaiwa.signaling.flood-limit", defaultValue = "100")
    int floodLimit;

    @Inject
    @ConfigProperty(name = "kaiwa.ice.stun-urls", defaultValue = " ")
    String stunUrls;

    @Inject
    @ConfigProperty(name = "kaiwa.ice.turn-urls", defaultValue = " ")
    String turnUrls;

    @Inject
    @ConfigProperty(name = "kaiwa.ice.turn-secret", defaultValue = " ")
    String turnSecret;

    @Inject
    @ConfigProperty(name = "kaiwa.ice.turn-ttl", defaultValue = "PT1H")
    Duration turnTtl;

    private IceServers iceServers;
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final Map<String, ResumeGrant> resumeGrants = new ConcurrentHashMap<>();

    @PostConstruct
    void configure() {
        iceServers = new IceServers(stunUrls.strip(), turnUrls.strip(), turnSecret.strip(), turnTtl);
    }

    /** A socket opened on a call's endpoint; it must join within the join timeout. */
    public void opened(PeerConnection connection, String callId) {
        Instant now = clock.instant();
        Bucket bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(messagesPerSecond, Duration.ofSeconds(1)))
                .build();
        links.put(connection.id(), new Link(connection, callId, now, bucket));
    }

    /** A text frame that is not a JSON object. */
    public void rejected(PeerConnection connection, String detail) {
        Link link = links.get(connection.id());
        if (link == null || !admitRate(link)) {
            return;
        }
        error(connection, ErrorCode.BAD_MESSAGE, detail);
    }

    /** One JSON message from a socket. */
    public void received(PeerConnection connection, JsonObject message) {
        Link link = links.get(connection.id());
        if (link == null || !admitRate(link)) {
            return;
        }
        link.lastSeen = clock.instant();
        String type = text(message, "type");
        try {
            if (link.participantId == null) {
                if (!"join".equals(type)) {
                    refuse(link, ErrorCode.SIGNALING_JOIN_REQUIRED, "The first message must be join");
                    return;
                }
                join(link, message);
                return;
            }
            dispatch(link, type == null ? "" : type, message);
        }
        catch (DomainException e) {
            error(connection, e.code(), e.getMessage());
        }
        catch (RuntimeException e) {
            DomainException domain = domainCause(e);
            if (domain != null) {
                error(connection, domain.code(), domain.getMessage());
                return;
            }
            String incident = RandomIds.randomToken(9);
            LOG.log(Level.SEVERE, "Signaling incident " + incident + " on call " + link.callId, e);
            error(connection, ErrorCode.INTERNAL_ERROR, "Unexpected error; quote incident " + incident);
        }
    }

    /** The socket closed, normally or not. A participant that did not leave may resume within the grace. */
    public void closed(PeerConnection connection) {
        Link link = links.remove(connection.id());
        if (link != null) {
            dropped(link);
        }
    }

    private void dispatch(Link link, String type, JsonObject message) {
        Room room = rooms.get(link.callId);
        Member member = room == null ? null : room.member(link.participantId);
        if (member == null || member.link != link) {
            error(link.connection, ErrorCode.PEER_NOT_FOUND, "This connection is no longer part of the call");
            return;
        }
        if (member.waiting && !"ping".equals(type) && !"leave".equals(type) && !"consent".equals(type)) {
            error(link.connection, ErrorCode.FORBIDDEN, member.reason == WaitingReason.CONSENT
                    ? "Decide on the consent notice first" : "Waiting for a moderator to admit you");
            return;
        }
        // What the member's messages change is audited from the address that requested its join ticket.
        ConnectionOrigin.run(member.clientAddress, () -> {
            switch (type) {
                case "offer", "answer" -> relay(room, member, message, "sdp");
                case "ice" -> relay(room, member, message, "candidate");
                case "media" -> media(room, member, message);
                case "hand" -> hand(room, member, message);
                case "chat" -> chat(room, member, message);
                case "stats" -> stats(room, member, message);
                case "admit", "deny", "mute", "remove" -> moderate(room, member, type, message);
                case "end" -> end(room, member);
                case "consent" -> consent(room, member, message);
                case "recorder" -> recorder(room, member, message);
                case "leave" -> leave(room, member);
                case "ping" -> link.connection.send(JSON.createObjectBuilder().add("type", "pong").build().toString());
                case "join" -> error(link.connection, ErrorCode.BAD_MESSAGE, "Already joined");
                default -> error(link.connection, ErrorCode.BAD_MESSAGE, "Unknown message type");
            }
        });
    }

    // ---------------------------------------------------------------- join and resume

    private void join(Link link, JsonObject message) {
        String ticket = text(message, "ticket");
        String resumeToken = text(message, "resumeToken");
        if (ticket == null && resumeToken == null) {
            refuse(link, ErrorCode.BAD_MESSAGE, "join needs a ticket or a resumeToken");
            return;
        }
        Room room = rooms.computeIfAbsent(link.callId, Room::new);
        synchronized (room) {
            try {
                if (ticket != null) {
                    joinWithTicket(room, link, ticket);
                }
                else {
                    resume(room, link, resumeToken);
                }
            }
            catch (RuntimeException e) {
                DomainException domain = e instanceof DomainException d ? d : domainCause(e);
                if (domain == null) {
                    throw e;
                }
                refuse(link, domain.code(), domain.getMessage());
            }
        }
    }

    private void joinWithTicket(Room room, Link link, String ticket) {
        Admission admission = service.admitWithTicket(link.callId, ticket);
        String participantId = admission.participant().id();
        Member existing = room.member(participantId);
        if (existing == null && room.members.size() >= meshMax) {
            service.left(link.callId, participantId, "call full");
            refuse(link, ErrorCode.CALL_FULL, "The call has " + meshMax + " participants, the most a peer-to-peer call takes");
            return;
        }
        Member member = existing != null ? existing : new Member(participantId);
        if (admission.clientAddress() != null) {
            member.clientAddress = admission.clientAddress();
        }
        boolean replacing = existing != null && existing.link != null;
        if (replacing) {
            detach(existing.link, ErrorCode.CONNECTION_REPLACED, CLOSE_REPLACED, "replaced");
        }
        boolean returning = existing != null && !existing.waiting;
        attach(room, member, link, admission);
        if (member.waiting) {
            sendWaiting(member);
            knock(room, member);
        }
        else {
            welcome(room, member, admission);
            broadcast(room, member, peerMessage(returning ? "peer-updated" : "peer-joined", member.view));
            knocksFor(room, member);
            startRequiredRecording(room, admission);
        }
    }

    private void resume(Room room, Link link, String token) {
        ResumeGrant grant = resumeGrants.remove(token);
        Instant now = clock.instant();
        Member member = grant == null || !grant.callId().equals(link.callId) ? null : room.member(grant.participantId());
        if (member == null || !token.equals(member.resumeToken)
                || (member.droppedAt != null && now.isAfter(member.droppedAt.plus(reconnectGrace)))) {
            refuse(link, ErrorCode.RESUME_INVALID, "The resume token is unknown, used, or the grace period is over");
            return;
        }
        Admission admission = service.resume(link.callId, member.participantId, member.waiting ? member.reason : null);
        if (member.link != null) {
            detach(member.link, ErrorCode.CONNECTION_REPLACED, CLOSE_REPLACED, "replaced");
        }
        attach(room, member, link, admission);
        if (member.waiting) {
            sendWaiting(member);
        }
        else {
            welcome(room, member, admission);
            broadcast(room, member, peerMessage("peer-updated", member.view));
            knocksFor(room, member);
        }
    }

    private void attach(Room room, Member member, Link link, Admission admission) {
        link.participantId = member.participantId;
        member.link = link;
        member.view = admission.participant();
        member.waiting = admission.waiting();
        member.reason = admission.waitingReason();
        member.admittedBefore |= !member.waiting;
        member.droppedAt = null;
        if (member.resumeToken != null) {
            resumeGrants.remove(member.resumeToken);
        }
        member.resumeToken = RandomIds.randomToken(32);
        resumeGrants.put(member.resumeToken, new ResumeGrant(room.callId, member.participantId));
        room.members.put(member.participantId, member);
        room.emptySince = null;
    }

    private void welcome(Room room, Member member, Admission admission) {
        Instant now = clock.instant();
        JsonArrayBuilder peers = JSON.createArrayBuilder();
        for (Member other : room.members.values()) {
            if (other != member && !other.waiting) {
                peers.add(peerJson(other.view));
            }
        }
        Admission.CallView call = admission.call();
        JsonObjectBuilder settings = JSON.createObjectBuilder()
                .add("recording", call.recording())
                .add("transcription", JSON.createObjectBuilder().add("enabled", call.transcription())
                        .add("language", call.language()))
                .add("screenShare", call.screenShare())
                .add("waitingRoom", call.waitingRoom());
        send(member.link, JSON.createObjectBuilder()
                .add("type", "welcome")
                .add("you", peerJson(member.view))
                .add("peers", peers)
                .add("mode", "p2p")
                .add("iceServers", iceServers.forParticipant(member.participantId, now))
                .add("call", JSON.createObjectBuilder().add("id", call.id()).add("title", call.title())
                        .add("type", call.type()).add("status", call.status()).add("settings", settings))
                .add("recordings", recordingsJson(admission.recordings()))
                .add("consent", consentJson(admission))
                .add("resumeToken", member.resumeToken)
                .add("participantToken", admission.participantToken())
                .add("participantTokenExpiresAt", admission.participantTokenExpiresAt().toString()));
    }

    /** A moderator who arrives while people wait hears their knocks too. */
    private void knocksFor(Room room, Member moderator) {
        if (moderator.link == null || moderator.waiting || !moderator.view.role().mayModerate()) {
            return;
        }
        for (Member other : room.members.values()) {
            if (other.waiting && other.reason == WaitingReason.ADMISSION && other != moderator) {
                moderator.link.connection.send(JSON.createObjectBuilder().add("type", "knock")
                        .add("participant", peerJson(other.view)).build().toString());
            }
        }
    }

    private void knock(Room room, Member waiting) {
        if (waiting.reason != WaitingReason.ADMISSION) {
            return;
        }
        String knock = JSON.createObjectBuilder().add("type", "knock").add("participant", peerJson(waiting.view)).build()
                .toString();
        for (Member other : room.members.values()) {
            if (other.link != null && !other.waiting && other.view.role().mayModerate()) {
                other.link.connection.send(knock);
            }
        }
    }

    // ---------------------------------------------------------------- messages of joined participants

    private void relay(Room room, Member sender, JsonObject message, String payload) {
        String to = text(message, "to");
        JsonValue value = message.get(payload);
        boolean wellTyped = "sdp".equals(payload) ? value instanceof jakarta.json.JsonString
                : value instanceof JsonObject || value == JsonValue.NULL;
        if (to == null || !wellTyped) {
            error(sender.link.connection, ErrorCode.BAD_MESSAGE, "sdp".equals(payload)
                    ? "needs 'to' and 'sdp' as strings" : "needs 'to' as a string and 'candidate' as an object or null");
            return;
        }
        Member target;
        synchronized (room) {
            target = room.member(to);
        }
        Link targetLink = target == null || target.waiting ? null : target.link;
        if (targetLink == null || target == sender) {
            error(sender.link.connection, ErrorCode.PEER_NOT_FOUND, "No connected peer " + to + " in this call");
            return;
        }
        JsonObjectBuilder relayed = JSON.createObjectBuilder(message).add("from", sender.participantId);
        targetLink.connection.send(relayed.build().toString());
    }

    private void media(Room room, Member member, JsonObject message) {
        Boolean audio = optionalBoolean(message, "audio");
        Boolean video = optionalBoolean(message, "video");
        Boolean screen = optionalBoolean(message, "screen");
        if (audio == null && video == null && screen == null) {
            throw DomainException.invalidField("media", "needs at least one of audio, video, screen as true or false");
        }
        synchronized (room) {
            member.view = service.changeMedia(room.callId, member.participantId, audio, video, screen);
            broadcastAll(room, peerMessage("peer-updated", member.view));
        }
    }

    private void hand(Room room, Member member, JsonObject message) {
        Boolean raised = optionalBoolean(message, "raised");
        if (raised == null) {
            throw DomainException.invalidField("raised", "must be true or false");
        }
        synchronized (room) {
            member.view = service.changeHand(room.callId, member.participantId, raised);
            broadcastAll(room, peerMessage("peer-updated", member.view));
        }
    }

    private void chat(Room room, Member member, JsonObject message) {
        JsonValue text = message.get("text");
        if (!(text instanceof jakarta.json.JsonString value)) {
            throw DomainException.invalidField("text", "must be a string");
        }
        ChatMessage stored = service.chat(room.callId, member.participantId, value.getString());
        String out = JSON.createObjectBuilder().add("type", "chat").add("id", stored.id()).add("from", stored.participantId())
                .add("displayName", stored.displayName()).add("text", stored.text())
                .add("sentAt", stored.sentAt().toString()).build().toString();
        synchronized (room) {
            broadcastAll(room, out);
        }
    }

    private void stats(Room room, Member member, JsonObject message) {
        NetworkStats stats = new NetworkStats(number(message, "rtt", 0, 600_000), number(message, "jitter", 0, 600_000),
                number(message, "packetLoss", 0, 1), number(message, "bitrate", 0, 1e11));
        synchronized (room) {
            int before = member.view.quality();
            member.view = service.recordStats(room.callId, member.participantId, stats);
            if (Math.abs(before - member.view.quality()) >= QUALITY_STEP) {
                broadcastAll(room, peerMessage("peer-updated", member.view));
            }
        }
    }

    private void moderate(Room room, Member moderator, String action, JsonObject message) {
        if (!moderator.view.role().mayModerate()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only hosts and moderators may " + action);
        }
        String targetId = text(message, "participantId");
        if (targetId == null) {
            throw DomainException.invalidField("participantId", "is required");
        }
        synchronized (room) {
            Member target = room.member(targetId);
            switch (action) {
                case "admit" -> {
                    if (target == null || !target.waiting || target.reason != WaitingReason.ADMISSION) {
                        throw new DomainException(ErrorCode.PEER_NOT_FOUND, "Nobody with that id is waiting");
                    }
                    Admission admitted = service.admit(room.callId, targetId, moderator.participantId);
                    target.waiting = false;
                    target.reason = null;
                    target.admittedBefore = true;
                    target.view = admitted.participant();
                    send(target.link, JSON.createObjectBuilder().add("type", "admitted"));
                    welcome(room, target, admitted);
                    broadcast(room, target, peerMessage("peer-joined", target.view));
                    startRequiredRecording(room, admitted);
                }
                case "deny" -> {
                    if (target == null || !target.waiting || target.reason != WaitingReason.ADMISSION) {
                        throw new DomainException(ErrorCode.PEER_NOT_FOUND, "Nobody with that id is waiting");
                    }
                    service.deny(room.callId, targetId, moderator.participantId);
                    forget(room, target);
                    if (target.link != null) {
                        send(target.link, JSON.createObjectBuilder().add("type", "denied"));
                        target.link.detached = true;
                        target.link.connection.close(CLOSE_NORMAL, "denied");
                    }
                }
                case "mute" -> {
                    if (target == null) {
                        throw new DomainException(ErrorCode.PEER_NOT_FOUND, "No such participant in the call");
                    }
                    target.view = service.mute(room.callId, targetId, moderator.participantId);
                    if (target.link != null) {
                        send(target.link, JSON.createObjectBuilder().add("type", "mute").add("by", moderator.participantId));
                    }
                    broadcastAll(room, peerMessage("peer-updated", target.view));
                }
                // The removal's ParticipantChanged event disconnects the target and tells the others.
                case "remove" -> {
                    if (target == null) {
                        throw new DomainException(ErrorCode.PEER_NOT_FOUND, "No such participant in the call");
                    }
                    service.remove(room.callId, targetId, moderator.participantId);
                }
                default -> throw new IllegalArgumentException("not a moderator action: " + action);
            }
        }
    }

    private void end(Room room, Member member) {
        if (!member.view.role().mayModerate()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only hosts and moderators may end the call");
        }
        service.end(room.callId, member.participantId);
    }

    private void leave(Room room, Member member) {
        synchronized (room) {
            service.left(room.callId, member.participantId, "left");
            forget(room, member);
            member.link.detached = true;
            member.link.connection.close(CLOSE_NORMAL, "left");
            if (!member.waiting) {
                broadcastAll(room, peerLeft(member.participantId, "left"));
            }
        }
    }

    // ---------------------------------------------------------------- consent and recording

    private void consent(Room room, Member member, JsonObject message) {
        String purposeName = text(message, "purpose");
        ConsentPurpose purpose = purposeName == null ? null : switch (purposeName) {
            case "RECORDING", "recording" -> ConsentPurpose.RECORDING;
            case "TRANSCRIPTION", "transcription" -> ConsentPurpose.TRANSCRIPTION;
            default -> null;
        };
        if (purpose == null) {
            throw DomainException.invalidField("purpose", "must be RECORDING or TRANSCRIPTION");
        }
        Boolean granted = optionalBoolean(message, "granted");
        if (granted == null) {
            throw DomainException.invalidField("granted", "must be true or false");
        }
        String client = text(message, "client");
        // The ConsentChanged event, observed after the commit, updates the room.
        service.consent(room.callId, member.participantId, purpose, granted, text(message, "noticeVersion"),
                text(message, "language"), client);
    }

    private void recorder(Room room, Member member, JsonObject message) {
        String recordingId = text(message, "recordingId");
        String state = text(message, "state");
        if (recordingId == null || !("started".equals(state) || "failed".equals(state))) {
            throw DomainException.invalidField("state", "needs 'recordingId' and 'state' started or failed");
        }
        service.recorderAnswered(room.callId, member.participantId, recordingId, "started".equals(state),
                text(message, "detail"));
    }

    /** Everyone admitted learns the decision; the person's own place in the call follows from it. */
    void consentChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConsentChanged event) {
        Room room = rooms.get(event.callId());
        if (room == null) {
            return;
        }
        String decision = JSON.createObjectBuilder().add("type", "consent").add("participantId", event.participantId())
                .add("purpose", event.purpose().name()).add("granted", event.granted()).build().toString();
        synchronized (room) {
            Member member = room.member(event.participantId());
            broadcastAll(room, decision);
            if (member == null || member.link == null) {
                return;
            }
            if (member.waiting) {
                member.link.connection.send(decision);
            }
            if (event.purpose() != ConsentPurpose.RECORDING) {
                return;
            }
            try {
                if (member.waiting && member.reason == WaitingReason.CONSENT) {
                    afterConsentStep(room, member);
                }
                else if (!member.waiting && !event.granted()) {
                    backToConsentStep(room, member);
                }
            }
            catch (RuntimeException e) {
                DomainException domain = e instanceof DomainException d ? d : domainCause(e);
                if (domain == null) {
                    throw e;
                }
                error(member.link.connection, domain.code(), domain.getMessage());
            }
        }
    }

    private void afterConsentStep(Room room, Member member) {
        Admission admission = service.leaveConsentStep(room.callId, member.participantId, member.admittedBefore);
        if (admission.waitingReason() == WaitingReason.CONSENT) {
            return;
        }
        member.view = admission.participant();
        member.waiting = admission.waiting();
        member.reason = admission.waitingReason();
        if (member.waiting) {
            sendWaiting(member);
            knock(room, member);
            return;
        }
        boolean returning = member.admittedBefore;
        member.admittedBefore = true;
        welcome(room, member, admission);
        broadcast(room, member, peerMessage(returning ? "peer-updated" : "peer-joined", member.view));
        knocksFor(room, member);
        startRequiredRecording(room, admission);
    }

    /** Only a REQUIRED call records by itself; other calls skip the database round trip on every welcome. */
    private void startRequiredRecording(Room room, Admission admission) {
        if ("REQUIRED".equals(admission.call().recording())) {
            service.startRequiredRecording(room.callId);
        }
    }

    /** Under a REQUIRED policy a withdrawal sends the person back to the consent step. */
    private void backToConsentStep(Room room, Member member) {
        PeerView view = service.view(room.callId, member.participantId);
        if (view.status() != ParticipantStatus.WAITING) {
            return;
        }
        member.view = view;
        member.waiting = true;
        member.reason = WaitingReason.CONSENT;
        sendWaiting(member);
        broadcast(room, member, peerLeft(member.participantId, "consent"));
    }

    /** Everyone admitted sees the recording's new state; a new start also goes to its recorder with its token. */
    void recordingChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecordingChanged event) {
        RecordingState recording = event.recording();
        Room room = rooms.get(recording.callId());
        if (room == null) {
            return;
        }
        JsonObject state = recordingJson(recording);
        String message = JSON.createObjectBuilder().add("type", "recording").add("recording", state).build().toString();
        synchronized (room) {
            for (Member member : room.members.values()) {
                if (member.link == null || member.waiting) {
                    continue;
                }
                if (event.uploadToken() != null && member.participantId.equals(recording.recorderId())) {
                    member.link.connection.send(JSON.createObjectBuilder().add("type", "recording").add("recording", state)
                            .add("uploadToken", event.uploadToken()).build().toString());
                }
                else {
                    member.link.connection.send(message);
                }
            }
        }
    }

    private void sendWaiting(Member member) {
        JsonObjectBuilder waiting = JSON.createObjectBuilder().add("type", "waiting")
                .add("reason", member.reason == WaitingReason.CONSENT ? "consent" : "admission");
        if (member.reason == WaitingReason.CONSENT) {
            waiting.add("notices", noticesJson());
        }
        send(member.link, waiting);
    }

    private JsonObject consentJson(Admission admission) {
        JsonObjectBuilder yours = JSON.createObjectBuilder();
        admission.consents().forEach((purpose, granted) -> yours.add(purpose.name(), granted));
        JsonObjectBuilder consent = JSON.createObjectBuilder()
                .add("policy", admission.call().recording())
                .add("yours", yours);
        if (!"OFF".equals(admission.call().recording())) {
            consent.add("notices", noticesJson());
        }
        return consent.build();
    }

    private JsonObject noticesJson() {
        ConsentNotices notices = service.notices();
        JsonObjectBuilder texts = JSON.createObjectBuilder();
        for (ConsentPurpose purpose : ConsentPurpose.values()) {
            JsonObjectBuilder languages = JSON.createObjectBuilder();
            for (String language : ConsentNotices.LANGUAGES) {
                languages.add(language, notices.notice(purpose, language).text());
            }
            texts.add(purpose.name(), languages);
        }
        return JSON.createObjectBuilder().add("version", notices.version()).add("texts", texts).build();
    }

    private static JsonArrayBuilder recordingsJson(List<RecordingState> recordings) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        recordings.forEach(recording -> array.add(recordingJson(recording)));
        return array;
    }

    static JsonObject recordingJson(RecordingState recording) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", recording.id())
                .add("kind", recording.kind().name())
                .add("recorderId", recording.recorderId())
                .add("status", recording.status().name())
                .add("quality", recording.quality().name())
                .add("audioOnly", recording.audioOnly())
                .add("videoBitsPerSecond", recording.quality().videoBitsPerSecond())
                .add("audioBitsPerSecond", recording.quality().audioBitsPerSecond())
                .add("width", recording.quality().width())
                .add("height", recording.quality().height());
        if (recording.participantId() != null) {
            json.add("participantId", recording.participantId());
        }
        if (recording.stopReason() != null) {
            json.add("stopReason", recording.stopReason().name());
        }
        return json.build();
    }

    // ---------------------------------------------------------------- liveness

    private void dropped(Link link) {
        if (link.detached || link.participantId == null) {
            return;
        }
        link.detached = true;
        Room room = rooms.get(link.callId);
        if (room == null) {
            return;
        }
        synchronized (room) {
            Member member = room.member(link.participantId);
            if (member == null || member.link != link) {
                return;
            }
            member.link = null;
            member.droppedAt = clock.instant();
            try {
                service.disconnected(room.callId, member.participantId);
            }
            catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not record a dropped connection on call " + room.callId, e);
            }
            member.view = member.view.withStatus(ParticipantStatus.RECONNECTING);
            if (!member.waiting) {
                broadcast(room, member, peerMessage("peer-updated", member.view));
            }
        }
    }

    /**
     * One pass of the liveness rules: unjoined sockets past the join timeout are closed, silent ones
     * are treated as dropped, dropped participants past the grace leave, and a call nobody is in
     * any more ends after its grace. Called every second by {@link SignalingTimer}.
     */
    public void tick() {
        Instant now = clock.instant();
        for (Link link : List.copyOf(links.values())) {
            if (link.participantId == null && now.isAfter(link.openedAt.plus(joinTimeout))) {
                refuse(link, ErrorCode.SIGNALING_JOIN_REQUIRED, "No join within " + joinTimeout.toSeconds() + " s");
            }
            else if (link.participantId != null && !link.detached && now.isAfter(link.lastSeen.plus(idleTimeout))) {
                dropped(link);
                link.connection.close(CLOSE_GOING_AWAY, "idle");
            }
        }
        for (Room room : List.copyOf(rooms.values())) {
            synchronized (room) {
                for (Member member : List.copyOf(room.members.values())) {
                    if (member.link == null && member.droppedAt != null && now.isAfter(member.droppedAt.plus(reconnectGrace))) {
                        service.left(room.callId, member.participantId, "timeout");
                        forget(room, member);
                        if (!member.waiting) {
                            broadcastAll(room, peerLeft(member.participantId, "timeout"));
                        }
                    }
                }
                if (room.members.isEmpty()) {
                    if (room.emptySince == null) {
                        room.emptySince = now;
                    }
                    else if (now.isAfter(room.emptySince.plus(emptyCallGrace))) {
                        rooms.remove(room.callId);
                        service.endEmptyCall(room.callId);
                    }
                }
            }
        }
    }

    /** REST end or cancel, a moderator's end, or the system: everyone is told and every socket closes. */
    void callClosed(@Observes(during = TransactionPhase.AFTER_SUCCESS) CallClosed event) {
        Room room = rooms.remove(event.callId());
        if (room == null) {
            return;
        }
        String ended = JSON.createObjectBuilder().add("type", "ended")
                .add("reason", event.status().name().toLowerCase(java.util.Locale.ROOT)).build().toString();
        synchronized (room) {
            for (Member member : room.members.values()) {
                if (member.resumeToken != null) {
                    resumeGrants.remove(member.resumeToken);
                }
                if (member.link != null) {
                    member.link.connection.send(ended);
                    member.link.detached = true;
                    member.link.connection.close(CLOSE_NORMAL, "ended");
                }
            }
            room.members.clear();
        }
    }

    /** A change made through REST: removed participants are disconnected, others' new state is shown to everyone. */
    void participantChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ParticipantChanged event) {
        Room room = rooms.get(event.callId());
        if (room == null) {
            return;
        }
        synchronized (room) {
            Member member = room.member(event.participantId());
            if (member == null) {
                return;
            }
            if (event.removed()) {
                forget(room, member);
                if (member.link != null) {
                    detach(member.link, ErrorCode.PARTICIPANT_REMOVED, CLOSE_REMOVED, "removed");
                }
                if (!member.waiting) {
                    broadcastAll(room, peerLeft(member.participantId, "removed"));
                }
                return;
            }
            member.view = service.view(room.callId, member.participantId)
                    .withStatus(member.link == null ? ParticipantStatus.RECONNECTING : member.view.status());
            if (!member.waiting) {
                broadcastAll(room, peerMessage("peer-updated", member.view));
            }
        }
    }

    /** Connections currently open on this node (for metrics and tests). */
    public int openConnections() {
        return links.size();
    }

    // ---------------------------------------------------------------- helpers

    private boolean admitRate(Link link) {
        if (link.bucket.tryConsume(1)) {
            return true;
        }
        link.refused++;
        if (link.refused > floodLimit) {
            dropped(link);
            link.detached = true;
            link.connection.close(CLOSE_POLICY, "flooding");
        }
        else if (link.refused == 1 || link.refused % 10 == 0) {
            error(link.connection, ErrorCode.RATE_LIMITED, "Too many messages; slow down");
        }
        return false;
    }

    private void forget(Room room, Member member) {
        room.members.remove(member.participantId);
        if (member.resumeToken != null) {
            resumeGrants.remove(member.resumeToken);
        }
        if (room.members.isEmpty()) {
            // The empty-call grace runs from the last departure, not from the next liveness pass.
            room.emptySince = clock.instant();
        }
    }

    private void detach(Link link, ErrorCode code, int closeCode, String reason) {
        link.detached = true;
        error(link.connection, code, reason);
        link.connection.close(closeCode, reason);
    }

    private void refuse(Link link, ErrorCode code, String detail) {
        link.detached = true;
        error(link.connection, code, detail);
        link.connection.close(CLOSE_POLICY, code.name());
        links.remove(link.connection.id());
    }

    private static void error(PeerConnection connection, ErrorCode code, String detail) {
        connection.send(JSON.createObjectBuilder().add("type", "error").add("code", code.name()).add("detail", detail)
                .build().toString());
    }

    private static void send(Link link, JsonObjectBuilder message) {
        if (link != null) {
            link.connection.send(message.build().toString());
        }
    }

    /** To every admitted, connected member but {@code except}. */
    private static void broadcast(Room room, Member except, String message) {
        for (Member member : room.members.values()) {
            if (member != except && member.link != null && !member.waiting) {
                member.link.connection.send(message);
            }
        }
    }

    private static void broadcastAll(Room room, String message) {
        broadcast(room, null, message);
    }

    private static String peerMessage(String type, PeerView view) {
        return JSON.createObjectBuilder().add("type", type).add("peer", peerJson(view)).build().toString();
    }

    private static String peerLeft(String participantId, String reason) {
        return JSON.createObjectBuilder().add("type", "peer-left").add("participantId", participantId).add("reason", reason)
                .build().toString();
    }

    static JsonObject peerJson(PeerView view) {
        return JSON.createObjectBuilder()
                .add("id", view.id())
                .add("displayName", view.displayName())
                .add("role", view.role().name())
                .add("status", view.status().name())
                .add("media", JSON.createObjectBuilder().add("audio", view.audio()).add("video", view.video())
                        .add("screen", view.screen()).add("hand", view.hand()))
                .add("quality", view.quality())
                .build();
    }

    private static String text(JsonObject message, String key) {
        JsonValue value = message.get(key);
        return value instanceof jakarta.json.JsonString string ? string.getString() : null;
    }

    private static Boolean optionalBoolean(JsonObject message, String key) {
        JsonValue value = message.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw DomainException.invalidField(key, "must be true or false");
    }

    private static Double number(JsonObject message, String key, double min, double max) {
        JsonValue value = message.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || number.doubleValue() < min || number.doubleValue() > max) {
            throw DomainException.invalidField(key, "must be a number from " + min + " to " + max);
        }
        return number.doubleValue();
    }

    private static DomainException domainCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return domain;
            }
        }
        return null;
    }

    /** One socket. */
    private static final class Link {
        final PeerConnection connection;
        final String callId;
        final Instant openedAt;
        final Bucket bucket;
        volatile Instant lastSeen;
        volatile String participantId;
        volatile boolean detached;
        int refused;

        Link(PeerConnection connection, String callId, Instant openedAt, Bucket bucket) {
            this.connection = connection;
            this.callId = callId;
            this.openedAt = openedAt;
            this.lastSeen = openedAt;
            this.bucket = bucket;
        }
    }

    /** One participant in a room; its link is null while it is dropped. */
    private static final class Member {
        final String participantId;
        PeerView view;
        Link link;
        boolean waiting;
        WaitingReason reason;
        boolean admittedBefore;
        Instant droppedAt;
        String resumeToken;
        /** The address its latest join ticket was requested from, if known. */
        String clientAddress;

        Member(String participantId) {
            this.participantId = participantId;
        }
    }

    /** The members of one call on this node, in joining order. */
    private static final class Room {
        final String callId;
        final Map<String, Member> members = new LinkedHashMap<>();
        Instant emptySince;

        Room(String callId) {
            this.callId = callId;
        }

        Member member(String participantId) {
            return members.get(participantId);
        }
    }

    /** Who a resume token lets back in. */
    private record ResumeGrant(String callId, String participantId) {
    }
}
