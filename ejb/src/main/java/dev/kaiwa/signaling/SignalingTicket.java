package dev.kaiwa.signaling;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A short-lived, single-use permission to open the call's signaling socket as one participant.
 * Only the SHA-256 of the ticket is stored, so a database reader cannot join calls.
 */
@Entity
@Table(name = "kw_signaling_ticket")
public class SignalingTicket {
    @Id
    private String id;

    @Column(name = "call_id", nullable = false)
    private String callId;

    @Column(name = "participant_id", nullable = false)
    private String participantId;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    /**
     * Who asked for the ticket (the REST client's address), the origin of what its socket does; cleared once the
     * ticket is used or revoked, so no address stays in this table.
     */
    @Column(name = "client_address")
    private String clientAddress;

    protected SignalingTicket() {
    }

    public SignalingTicket(String ticketHash, String callId, String participantId, Instant issuedAt, Instant expiresAt) {
        this.id = requireNonNull(ticketHash, "ticketHash is null");
        this.callId = requireNonNull(callId, "callId is null");
        this.participantId = requireNonNull(participantId, "participantId is null");
        this.issuedAt = requireNonNull(issuedAt, "issuedAt is null");
        this.expiresAt = requireNonNull(expiresAt, "expiresAt is null");
    }

    /** A ticket requested from {@code clientAddress} (null: not known). */
    public SignalingTicket(String ticketHash, String callId, String participantId, Instant issuedAt, Instant expiresAt,
            String clientAddress) {
        this(ticketHash, callId, participantId, issuedAt, expiresAt);
        this.clientAddress = clientAddress;
    }

    public boolean isUsable(Instant now) {
        return usedAt == null && revokedAt == null && now.isBefore(expiresAt);
    }

    /** The ticket is used; the address it was requested from is not kept beyond this (the socket holds it). */
    public void use(Instant now) {
        usedAt = now;
        clientAddress = null;
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
        clientAddress = null;
    }

    public Optional<String> clientAddress() {
        return Optional.ofNullable(clientAddress);
    }

    public String callId() {
        return callId;
    }

    public String participantId() {
        return participantId;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Optional<Instant> usedAt() {
        return Optional.ofNullable(usedAt);
    }
}
