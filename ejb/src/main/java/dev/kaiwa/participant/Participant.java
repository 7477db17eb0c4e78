package dev.kaiwa.participant;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.shared.RandomIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * A person in one call: an SSO user (subject set) or a guest who came through an invite.
 */
@Entity
@Table(name = "kw_participant")
public class Participant {
    @Id
    private String id;

    @Column(name = "call_id", nullable = false)
    private String callId;

    @Column(name = "subject")
    private String subject;

    @Column(name = "invite_id")
    private String inviteId;

    @Column(name = "organization")
    private String organization;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "email")
    private String email;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ParticipantRole role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ParticipantStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "waiting_reason")
    private WaitingReason waitingReason;

    @Column(nullable = false)
    private boolean audio;

    @Column(nullable = false)
    private boolean video;

    @Column(nullable = false)
    private boolean screen;

    @Column(nullable = false)
    private boolean hand;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "joined_at")
    private Instant joinedAt;

    @Column(name = "left_at")
    private Instant leftAt;

    @Column(name = "last_seen_at")
    private Instant lastSeenAt;

    @Column(name = "stats_rtt_ms")
    private Double statsRttMillis;

    @Column(name = "stats_jitter_ms")
    private Double statsJitterMillis;

    @Column(name = "stats_packet_loss")
    private Double statsPacketLoss;

    @Column(name = "stats_bitrate")
    private Double statsBitrate;

    @Column(name = "stats_at")
    private Instant statsAt;

    @Column(name = "quality_degraded", nullable = false)
    private boolean qualityDegraded;

    @Version
    private long version;

    protected Participant() {
    }

    private Participant(String callId, String subject, String inviteId, String displayName, String email,
            ParticipantRole role, Instant now) {
        this.id = RandomIds.newId();
        this.callId = requireNonNull(callId, "callId is null");
        this.subject = subject;
        this.inviteId = inviteId;
        this.displayName = requireNonNull(displayName, "displayName is null");
        this.email = email;
        this.role = requireNonNull(role, "role is null");
        this.status = ParticipantStatus.INVITED;
        this.audio = true;
        this.video = true;
        this.createdAt = requireNonNull(now, "now is null");
    }

    public static Participant forUser(String callId, String subject, String organization, String displayName,
            String email, ParticipantRole role, Instant now) {
        Participant participant = new Participant(callId, requireNonNull(subject, "subject is null"), null, displayName,
                email, role, now);
        participant.organization = requireNonNull(organization, "organization is null");
        return participant;
    }

    public static Participant forInvite(String callId, String inviteId, String displayName, String email,
            ParticipantRole role, Instant now) {
        return new Participant(callId, null, requireNonNull(inviteId, "inviteId is null"), displayName, email, role, now);
    }

    /** Hands out a new ticket: the participant is connecting again, whatever it was before. */
    public void startJoining(Instant now) {
        status = ParticipantStatus.JOINING;
        if (joinedAt == null) {
            joinedAt = now;
        }
        lastSeenAt = now;
        leftAt = null;
    }

    /** Connected to the call's signaling (after the waiting room, if any). */
    public void connect(Instant now) {
        status = ParticipantStatus.CONNECTED;
        waitingReason = null;
        lastSeenAt = now;
        leftAt = null;
    }

    /** Waiting in the waiting room for a moderator. */
    public void waitForAdmission(Instant now) {
        status = ParticipantStatus.WAITING;
        waitingReason = WaitingReason.ADMISSION;
        lastSeenAt = now;
    }

    /** Held in the consent step until it grants what the call's recording policy requires. */
    public void waitForConsent(Instant now) {
        status = ParticipantStatus.WAITING;
        waitingReason = WaitingReason.CONSENT;
        lastSeenAt = now;
    }

    /** Why the participant waits; empty unless its status is WAITING. */
    public Optional<WaitingReason> waitingReason() {
        return status == ParticipantStatus.WAITING ? Optional.ofNullable(waitingReason) : Optional.empty();
    }

    /** Lost its connection; may resume within the grace period. */
    public void reconnecting(Instant now) {
        status = ParticipantStatus.RECONNECTING;
        waitingReason = null;
        lastSeenAt = now;
    }

    public void deny(Instant now) {
        status = ParticipantStatus.DENIED;
        leftAt = now;
    }

    /**
     * Stores the latest network figures; true when this report starts a degradation episode
     * (packet loss or round trip over the thresholds after a good report).
     */
    public boolean recordStats(NetworkStats stats, Instant now) {
        statsRttMillis = stats.rttMillis();
        statsJitterMillis = stats.jitterMillis();
        statsPacketLoss = stats.packetLoss();
        statsBitrate = stats.bitrate();
        statsAt = now;
        lastSeenAt = now;
        boolean degraded = stats.isDegraded();
        boolean started = degraded && !qualityDegraded;
        qualityDegraded = degraded;
        return started;
    }

    public Optional<NetworkStats> latestStats() {
        if (statsAt == null) {
            return Optional.empty();
        }
        return Optional.of(new NetworkStats(statsRttMillis, statsJitterMillis, statsPacketLoss, statsBitrate));
    }

    public boolean qualityDegraded() {
        return qualityDegraded;
    }

    public void leave(Instant now) {
        status = ParticipantStatus.LEFT;
        leftAt = now;
    }

    public void remove(Instant now) {
        status = ParticipantStatus.REMOVED;
        leftAt = now;
    }

    /**
     * Erases what identifies the person (a data-subject erasure): the display name is replaced, the e-mail
     * address, SSO subject and network figures are cleared. Ids, role, status and times stay, so the call's
     * history still adds up.
     */
    public void erase(String replacementName) {
        displayName = requireNonNull(replacementName, "replacementName is null");
        email = null;
        subject = null;
        statsRttMillis = null;
        statsJitterMillis = null;
        statsPacketLoss = null;
        statsBitrate = null;
        statsAt = null;
    }

    public void changeRole(ParticipantRole role) {
        this.role = requireNonNull(role, "role is null");
    }

    public void changeMedia(Boolean audio, Boolean video, Boolean screen, Boolean hand) {
        if (audio != null) {
            this.audio = audio;
        }
        if (video != null) {
            this.video = video;
        }
        if (screen != null) {
            this.screen = screen;
        }
        if (hand != null) {
            this.hand = hand;
        }
    }

    public String id() {
        return id;
    }

    public String callId() {
        return callId;
    }

    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    public Optional<String> inviteId() {
        return Optional.ofNullable(inviteId);
    }

    /** The SSO user's organization; empty for guests. */
    public Optional<String> organization() {
        return Optional.ofNullable(organization);
    }

    public String displayName() {
        return displayName;
    }

    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    public ParticipantRole role() {
        return role;
    }

    public ParticipantStatus status() {
        return status;
    }

    public boolean audio() {
        return audio;
    }

    public boolean video() {
        return video;
    }

    public boolean screen() {
        return screen;
    }

    public boolean hand() {
        return hand;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> joinedAt() {
        return Optional.ofNullable(joinedAt);
    }

    public Optional<Instant> leftAt() {
        return Optional.ofNullable(leftAt);
    }

    public Optional<Instant> lastSeenAt() {
        return Optional.ofNullable(lastSeenAt);
    }
}
