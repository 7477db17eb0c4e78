package dev.kaiwa.audit;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One entry of the audit trail, never changed once written. Its hash is the SHA-256 of its {@link
 * AuditContent}, which includes its sequence number and the previous entry's hash.
 */
@Entity
@Table(name = "kw_audit_entry")
public class AuditEntry {
    /** Longest client address stored: an IPv6 address in its longest text form. */
    public static final int MAX_CLIENT_ADDRESS = 45;
    /** Longest stored details (JSON), in characters. */
    public static final int MAX_DETAILS = 8000;

    @Id
    @Column(name = "seq", updatable = false)
    private long sequence;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(updatable = false)
    private String organization;

    @Column(name = "actor_type", nullable = false, updatable = false)
    private String actorType;

    @Column(name = "actor_id", updatable = false)
    private String actorId;

    @Column(name = "actor_role", updatable = false)
    private String actorRole;

    @Column(nullable = false, updatable = false)
    private String action;

    @Column(name = "resource_type", nullable = false, updatable = false)
    private String resourceType;

    @Column(name = "resource_id", updatable = false)
    private String resourceId;

    @Column(name = "client_address", updatable = false)
    private String clientAddress;

    @Column(nullable = false, updatable = false)
    private String details;

    @Column(name = "previous_hash", nullable = false, updatable = false)
    private String previousHash;

    @Column(name = "entry_hash", nullable = false, updatable = false)
    private String entryHash;

    protected AuditEntry() {
    }

    /**
     * The entry following {@code previousHash} as number {@code sequence}. The time is kept to the
     * microsecond, the precision both databases store, so the hash checks out after a round trip.
     */
    public AuditEntry(long sequence, String previousHash, Instant occurredAt, AuditRecord record, String clientAddress) {
        requireNonNull(record, "record is null");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1");
        }
        if (record.organization().isEmpty() && record.actorType() != AuditActorType.SYSTEM) {
            throw new IllegalArgumentException("an action of a user or participant belongs to an organization: "
                    + record);
        }
        this.sequence = sequence;
        this.previousHash = requireNonNull(previousHash, "previousHash is null");
        this.occurredAt = requireNonNull(occurredAt, "occurredAt is null").truncatedTo(ChronoUnit.MICROS);
        this.organization = record.organization().orElse(null);
        this.actorType = record.actorType().name();
        this.actorId = record.actorId().orElse(null);
        this.actorRole = record.actorRole().orElse(null);
        this.action = record.action().name();
        this.resourceType = record.resourceType().name();
        this.resourceId = record.resourceId().orElse(null);
        this.clientAddress = clientAddress == null || clientAddress.length() > MAX_CLIENT_ADDRESS ? null : clientAddress;
        this.details = AuditDetails.toJson(record.details());
        if (details.length() > MAX_DETAILS) {
            throw new IllegalArgumentException("the details of " + record + " are longer than " + MAX_DETAILS
                    + " characters as JSON");
        }
        this.entryHash = content().hash();
    }

    /** What the hash covers, from the stored values. */
    public AuditContent content() {
        return new AuditContent(sequence, previousHash, occurredAt, organization, actorType, actorId, actorRole, action,
                resourceType, resourceId, clientAddress, details);
    }

    public long sequence() {
        return sequence;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public Optional<String> organization() {
        return Optional.ofNullable(organization);
    }

    /** A {@link AuditActorType} name. */
    public String actorType() {
        return actorType;
    }

    public Optional<String> actorId() {
        return Optional.ofNullable(actorId);
    }

    public Optional<String> actorRole() {
        return Optional.ofNullable(actorRole);
    }

    /** An {@link AuditAction} name. */
    public String action() {
        return action;
    }

    /** An {@link AuditResourceType} name. */
    public String resourceType() {
        return resourceType;
    }

    public Optional<String> resourceId() {
        return Optional.ofNullable(resourceId);
    }

    public Optional<String> clientAddress() {
        return Optional.ofNullable(clientAddress);
    }

    /** The details, sorted by key. */
    public SortedMap<String, String> details() {
        return AuditDetails.fromJson(details);
    }

    public String previousHash() {
        return previousHash;
    }

    public String entryHash() {
        return entryHash;
    }
}
