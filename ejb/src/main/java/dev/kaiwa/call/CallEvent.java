package dev.kaiwa.call;

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

/** One entry of a call's event log: what happened, when, by whom, to which participant. */
@Entity
@Table(name = "kw_call_event")
public class CallEvent {
    @Id
    private String id;

    @Column(name = "call_id", nullable = false)
    private String callId;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", nullable = false)
    private CallEventType type;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "actor")
    private String actor;

    @Column(name = "participant_id")
    private String participantId;

    @Column(name = "detail")
    private String detail;

    protected CallEvent() {
    }

    public CallEvent(String callId, CallEventType type, Instant occurredAt, String actor, String participantId,
            String detail) {
        this.id = RandomIds.newId();
        this.callId = requireNonNull(callId, "callId is null");
        this.type = requireNonNull(type, "type is null");
        this.occurredAt = requireNonNull(occurredAt, "occurredAt is null");
        this.actor = actor;
        this.participantId = participantId;
        this.detail = detail;
    }

    public String id() {
        return id;
    }

    public String callId() {
        return callId;
    }

    public CallEventType type() {
        return type;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public Optional<String> actor() {
        return Optional.ofNullable(actor);
    }

    public Optional<String> participantId() {
        return Optional.ofNullable(participantId);
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }
}
