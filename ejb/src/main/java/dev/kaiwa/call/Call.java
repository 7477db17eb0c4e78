package dev.kaiwa.call;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.RandomIds;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A scheduled or running conversation: the aggregate every other feature hangs off. Its status moves
 * only through {@link #moveTo}, which asks {@link CallStatus#canMoveTo} and keeps the times consistent.
 */
@Entity
@Table(name = "kw_call")
public class Call {
    @Id
    private String id;

    @Column(nullable = false)
    private String title;

    @Enumerated(EnumType.STRING)
    @Column(name = "call_type", nullable = false)
    private CallType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CallStatus status;

    @Column(nullable = false)
    private String organization;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "scheduled_at", nullable = false)
    private Instant scheduledAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "paused_at")
    private Instant pausedAt;

    @Column(name = "paused_millis", nullable = false)
    private long pausedMillis;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "max_participants", nullable = false)
    private int maxParticipants;

    @Embedded
    private CallSettings settings;

    @Column(name = "external_ref")
    private String externalRef;

    @Column(name = "metadata")
    private String metadata;

    @Column(name = "retention_days")
    private Integer retentionDays;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Version
    private long version;

    protected Call() {
    }

    public Call(CallDraft draft, String organization, String createdBy, Instant now, String idempotencyKey) {
        this.id = RandomIds.newId();
        this.organization = requireNonNull(organization, "organization is null");
        this.createdBy = requireNonNull(createdBy, "createdBy is null");
        this.createdAt = requireNonNull(now, "now is null");
        this.status = CallStatus.SCHEDULED;
        this.idempotencyKey = idempotencyKey;
        apply(draft, now);
    }

    /** Replaces the editable fields; only while scheduled. */
    public void reschedule(CallDraft draft, Instant now) {
        if (status != CallStatus.SCHEDULED) {
            throw new DomainException(ErrorCode.CALL_NOT_SCHEDULED, "Only a scheduled call can be changed; this one is " + status);
        }
        apply(draft, now);
    }

    private void apply(CallDraft draft, Instant now) {
        this.title = draft.title();
        this.type = draft.type();
        this.scheduledAt = draft.scheduledAt() == null ? now : draft.scheduledAt();
        this.maxParticipants = draft.maxParticipants();
        this.settings = draft.settings();
        this.externalRef = draft.externalRef();
        this.metadata = draft.metadata();
        this.retentionDays = draft.retentionDays();
    }

    /**
     * Moves the call to {@code target} at {@code now}, or refuses with a 409 problem. Pauses are
     * accumulated so the duration leaves them out.
     */
    public void moveTo(CallStatus target, Instant now) {
        requireNonNull(target, "target is null");
        if (!status.canMoveTo(target)) {
            ErrorCode code = status.isTerminal() ? ErrorCode.CALL_ALREADY_ENDED : ErrorCode.ILLEGAL_CALL_TRANSITION;
            throw new DomainException(code, "A call cannot move from " + status + " to " + target);
        }
        if (pausedAt != null && target != CallStatus.PAUSED) {
            pausedMillis += Duration.between(pausedAt, now).toMillis();
            pausedAt = null;
        }
        switch (target) {
            case IN_PROGRESS -> {
                if (startedAt == null) {
                    startedAt = now;
                }
            }
            case PAUSED -> pausedAt = now;
            case ENDED, FAILED, CANCELLED, MISSED -> endedAt = now;
            case SCHEDULED -> throw new IllegalStateException("no move leads back to SCHEDULED");
        }
        status = target;
    }

    /** Talk time: from start to end (or now), less the time spent paused. */
    public Duration duration(Instant now) {
        if (startedAt == null) {
            return Duration.ZERO;
        }
        Instant end = endedAt != null ? endedAt : now;
        long paused = pausedMillis + (pausedAt != null ? Duration.between(pausedAt, end).toMillis() : 0);
        long millis = Duration.between(startedAt, end).toMillis() - paused;
        return Duration.ofMillis(Math.max(0, millis));
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public CallType type() {
        return type;
    }

    public CallStatus status() {
        return status;
    }

    public String organization() {
        return organization;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant scheduledAt() {
        return scheduledAt;
    }

    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    public int maxParticipants() {
        return maxParticipants;
    }

    public CallSettings settings() {
        return settings;
    }

    public Optional<String> externalRef() {
        return Optional.ofNullable(externalRef);
    }

    public Optional<String> metadata() {
        return Optional.ofNullable(metadata);
    }

    public Optional<Integer> retentionDays() {
        return Optional.ofNullable(retentionDays);
    }

    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    public long version() {
        return version;
    }
}
