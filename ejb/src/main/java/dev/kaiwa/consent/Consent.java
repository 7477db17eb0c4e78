package dev.kaiwa.consent;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.shared.RandomIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of the consent ledger: a participant granted or withdrew one purpose, having been shown one
 * version of the notice. Rows are never changed; the latest per participant and purpose is current.
 * It holds ids only (the participant, its SSO subject if any), never names or addresses.
 */
@Entity
@Table(name = "kw_consent")
public class Consent {
    /** Longest client description kept (browser and platform), in characters. */
    public static final int MAX_CLIENT_INFO = 300;

    @Id
    private String id;

    @Column(name = "call_id", nullable = false, updatable = false)
    private String callId;

    @Column(name = "participant_id", nullable = false, updatable = false)
    private String participantId;

    @Column(name = "subject", updatable = false)
    private String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private ConsentPurpose purpose;

    @Column(nullable = false, updatable = false)
    private boolean granted;

    @Column(name = "notice_version", nullable = false, updatable = false)
    private String noticeVersion;

    @Column(name = "notice_language", nullable = false, updatable = false)
    private String noticeLanguage;

    @Column(name = "notice_text", nullable = false, updatable = false)
    private String noticeText;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private ConsentChannel channel;

    @Column(name = "client_info", updatable = false)
    private String clientInfo;

    @Column(name = "decided_at", nullable = false, updatable = false)
    private Instant decidedAt;

    @Column(nullable = false, updatable = false)
    private long seq;

    protected Consent() {
    }

    public Consent(String callId, String participantId, String subject, ConsentPurpose purpose, boolean granted,
            ConsentNotice notice, ConsentChannel channel, String clientInfo, Instant decidedAt, long seq) {
        this.id = RandomIds.newId();
        this.callId = requireNonNull(callId, "callId is null");
        this.participantId = requireNonNull(participantId, "participantId is null");
        this.subject = subject;
        this.purpose = requireNonNull(purpose, "purpose is null");
        this.granted = granted;
        requireNonNull(notice, "notice is null");
        this.noticeVersion = notice.version();
        this.noticeLanguage = notice.language();
        this.noticeText = notice.text();
        this.channel = requireNonNull(channel, "channel is null");
        this.clientInfo = clientInfo == null || clientInfo.length() <= MAX_CLIENT_INFO ? clientInfo
                : clientInfo.substring(0, MAX_CLIENT_INFO);
        this.decidedAt = requireNonNull(decidedAt, "decidedAt is null");
        this.seq = seq;
    }

    public String id() {
        return id;
    }

    public String callId() {
        return callId;
    }

    public String participantId() {
        return participantId;
    }

    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    public ConsentPurpose purpose() {
        return purpose;
    }

    public boolean granted() {
        return granted;
    }

    public String noticeVersion() {
        return noticeVersion;
    }

    public String noticeLanguage() {
        return noticeLanguage;
    }

    public String noticeText() {
        return noticeText;
    }

    public ConsentChannel channel() {
        return channel;
    }

    public Optional<String> clientInfo() {
        return Optional.ofNullable(clientInfo);
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    /** Position in the participant's ledger for this purpose, from 1. */
    public long seq() {
        return seq;
    }
}
