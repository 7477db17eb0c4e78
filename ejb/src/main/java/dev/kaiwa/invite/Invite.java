package dev.kaiwa.invite;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.participant.ParticipantRole;
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
 * Permission for one person without SSO to join one call, behind a signed join link. Revoked
 * invites stay stored so the event log and re-join checks can refer to them.
 */
@Entity
@Table(name = "kw_invite")
public class Invite {
    @Id
    private String id;

    @Column(name = "call_id", nullable = false)
    private String callId;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "email")
    private String email;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ParticipantRole role;

    @Column(name = "single_use", nullable = false)
    private boolean singleUse;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "revoked_reason")
    private InviteRevocation revokedReason;

    @Version
    private long version;

    protected Invite() {
    }

    public Invite(String callId, String displayName, String email, ParticipantRole role, boolean singleUse,
            String createdBy, Instant now, Instant expiresAt) {
        this.id = RandomIds.newId();
        this.callId = requireNonNull(callId, "callId is null");
        this.displayName = requireNonNull(displayName, "displayName is null");
        this.email = email;
        this.role = requireNonNull(role, "role is null");
        this.singleUse = singleUse;
        this.createdBy = requireNonNull(createdBy, "createdBy is null");
        this.createdAt = requireNonNull(now, "now is null");
        this.expiresAt = requireNonNull(expiresAt, "expiresAt is null");
    }

    public boolean isUsable(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    public void revoke(InviteRevocation reason, Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
            revokedReason = requireNonNull(reason, "reason is null");
        }
    }

    /** Erases the addressee (a data-subject erasure): the name is replaced, the e-mail address cleared. */
    public void erase(String replacementName) {
        displayName = requireNonNull(replacementName, "replacementName is null");
        email = null;
    }

    public String id() {
        return id;
    }

    public String callId() {
        return callId;
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

    public boolean singleUse() {
        return singleUse;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt);
    }

    public Optional<InviteRevocation> revokedReason() {
        return Optional.ofNullable(revokedReason);
    }
}
