package dev.kaiwa.recording;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.RandomIds;
import jakarta.persistence.Column;
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
 * One recording of a call, made by one recorder (a participant's browser): a composite of everyone,
 * or one participant alone. The server owns its status; the media lives encrypted in the recording
 * store under {@link #storageKey()}, named by ids only.
 */
@Entity
@Table(name = "kw_recording")
public class Recording {
    @Id
    private String id;

    @Column(name = "call_id", nullable = false, updatable = false)
    private String callId;

    @Column(nullable = false, updatable = false)
    private String organization;

    /** The recorded participant of an INDIVIDUAL recording; null for COMPOSITE. */
    @Column(name = "participant_id", updatable = false)
    private String participantId;

    @Column(name = "recorder_id", nullable = false, updatable = false)
    private String recorderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private RecordingKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private RecordingFormat format;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private RecordingQuality quality;

    @Column(name = "audio_only", nullable = false, updatable = false)
    private boolean audioOnly;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RecordingStatus status;

    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "stopped_at")
    private Instant stoppedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "stop_reason")
    private StopReason stopReason;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "ready_at")
    private Instant readyAt;

    @Column(name = "failed_at")
    private Instant failedAt;

    @Column(name = "failure_reason")
    private String failureReason;

    @Column(name = "chunk_count", nullable = false)
    private int chunkCount;

    @Column(name = "uploaded_bytes", nullable = false)
    private long uploadedBytes;

    @Column(name = "size_bytes")
    private Long sizeBytes;

    @Column(name = "duration_millis")
    private Long durationMillis;

    @Column(name = "checksum_sha256")
    private String checksumSha256;

    @Column(name = "storage_key")
    private String storageKey;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "expired_at")
    private Instant expiredAt;

    @Column(name = "legal_hold", nullable = false)
    private boolean legalHold;

    @Column(name = "legal_hold_reason")
    private String legalHoldReason;

    @Column(name = "legal_hold_by")
    private String legalHoldBy;

    @Column(name = "legal_hold_at")
    private Instant legalHoldAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "deleted_reason")
    private DeletionReason deletedReason;

    @Version
    private long version;

    protected Recording() {
    }

    public Recording(String callId, String organization, RecordingKind kind, String participantId, String recorderId,
            RecordingFormat format, RecordingQuality quality, boolean audioOnly, String requestedBy, Instant now) {
        this.id = RandomIds.newId();
        this.callId = requireNonNull(callId, "callId is null");
        this.organization = requireNonNull(organization, "organization is null");
        this.kind = requireNonNull(kind, "kind is null");
        if ((kind == RecordingKind.INDIVIDUAL) != (participantId != null)) {
            throw new IllegalArgumentException("an INDIVIDUAL recording names its participant, a COMPOSITE one does not");
        }
        this.participantId = participantId;
        this.recorderId = requireNonNull(recorderId, "recorderId is null");
        this.format = requireNonNull(format, "format is null");
        this.quality = requireNonNull(quality, "quality is null");
        this.audioOnly = audioOnly;
        this.requestedBy = requireNonNull(requestedBy, "requestedBy is null");
        this.requestedAt = requireNonNull(now, "now is null");
        this.status = RecordingStatus.STARTING;
    }

    private void moveTo(RecordingStatus target) {
        if (!status.mayMoveTo(target)) {
            throw new DomainException(ErrorCode.ILLEGAL_RECORDING_TRANSITION, "The recording is " + status
                    + " and cannot become " + target);
        }
        status = target;
    }

    /** The recorder confirmed it is capturing. */
    public void started(Instant now) {
        moveTo(RecordingStatus.RECORDING);
        startedAt = now;
    }

    /** Capturing stops; what was uploaded or is still being uploaded is kept and finished. */
    public void stop(StopReason reason, Instant now) {
        moveTo(RecordingStatus.PROCESSING);
        stoppedAt = now;
        stopReason = requireNonNull(reason, "reason is null");
    }

    /** A chunk was stored for the first time. */
    public void chunkStored(long bytes) {
        chunkCount++;
        uploadedBytes += bytes;
    }

    /** The recorder says every chunk is uploaded; finalization follows. */
    public void uploadCompleted(Instant now) {
        if (status != RecordingStatus.PROCESSING) {
            throw new DomainException(ErrorCode.ILLEGAL_RECORDING_TRANSITION, "The recording is " + status
                    + "; only a stopped recording can be completed");
        }
        completedAt = now;
    }

    /** The media is finalized and stored; it expires after the retention period. */
    public void ready(String storageKey, long sizeBytes, long durationMillis, String checksumSha256, Instant expiresAt,
            Instant now) {
        moveTo(RecordingStatus.READY);
        this.storageKey = requireNonNull(storageKey, "storageKey is null");
        this.sizeBytes = sizeBytes;
        this.durationMillis = durationMillis;
        this.checksumSha256 = requireNonNull(checksumSha256, "checksumSha256 is null");
        this.expiresAt = requireNonNull(expiresAt, "expiresAt is null");
        this.readyAt = now;
    }

    public void fail(String reason, Instant now) {
        moveTo(RecordingStatus.FAILED);
        failedAt = now;
        failureReason = reason == null || reason.length() <= 200 ? reason : reason.substring(0, 200);
        if (stoppedAt == null) {
            stoppedAt = now;
        }
    }

    /** Its retention period is over; the media is about to be deleted. */
    public void expire(Instant now) {
        requireNoLegalHold();
        moveTo(RecordingStatus.EXPIRED);
        expiredAt = now;
    }

    /** The media is gone (its blob deleted); the row stays as the record of what existed. */
    public void delete(DeletionReason reason, Instant now) {
        requireNoLegalHold();
        moveTo(RecordingStatus.DELETED);
        deletedAt = now;
        deletedReason = requireNonNull(reason, "reason is null");
    }

    /** The blob is removed from storage (a deleted recording keeps its key until then). */
    public void mediaRemoved() {
        if (status != RecordingStatus.DELETED) {
            throw new IllegalStateException("only a DELETED recording loses its media, this one is " + status);
        }
        storageKey = null;
    }

    /** A DELETED recording whose blob removal has not been confirmed yet. */
    public boolean awaitsMediaRemoval() {
        return status == RecordingStatus.DELETED && storageKey != null;
    }

    public void placeLegalHold(String reason, String by, Instant now) {
        if (status == RecordingStatus.DELETED) {
            throw new DomainException(ErrorCode.ILLEGAL_RECORDING_TRANSITION, "The recording is DELETED; there is "
                    + "nothing left to hold");
        }
        legalHold = true;
        legalHoldReason = requireNonNull(reason, "reason is null");
        legalHoldBy = requireNonNull(by, "by is null");
        legalHoldAt = now;
    }

    public void clearLegalHold() {
        legalHold = false;
        legalHoldReason = null;
        legalHoldBy = null;
        legalHoldAt = null;
    }

    private void requireNoLegalHold() {
        if (legalHold) {
            throw new DomainException(ErrorCode.LEGAL_HOLD_ACTIVE, "The recording is under legal hold");
        }
    }

    /** Where the finished media is stored: ids only. */
    public static String mediaKey(String recordingId) {
        return "recordings/" + recordingId + "/media";
    }

    /** The time the recorder captured, by the server's clock: from its acknowledgement to the stop. */
    public Optional<Duration> capturedInterval() {
        if (startedAt == null || stoppedAt == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(startedAt, stoppedAt));
    }

    public String id() {
        return id;
    }

    public String callId() {
        return callId;
    }

    public String organization() {
        return organization;
    }

    public Optional<String> participantId() {
        return Optional.ofNullable(participantId);
    }

    public String recorderId() {
        return recorderId;
    }

    public RecordingKind kind() {
        return kind;
    }

    public RecordingFormat format() {
        return format;
    }

    public RecordingQuality quality() {
        return quality;
    }

    public boolean audioOnly() {
        return audioOnly;
    }

    public RecordingStatus status() {
        return status;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public Optional<Instant> stoppedAt() {
        return Optional.ofNullable(stoppedAt);
    }

    public Optional<StopReason> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    public Optional<Instant> completedAt() {
        return Optional.ofNullable(completedAt);
    }

    public Optional<Instant> readyAt() {
        return Optional.ofNullable(readyAt);
    }

    public Optional<Instant> failedAt() {
        return Optional.ofNullable(failedAt);
    }

    public Optional<String> failureReason() {
        return Optional.ofNullable(failureReason);
    }

    public int chunkCount() {
        return chunkCount;
    }

    public long uploadedBytes() {
        return uploadedBytes;
    }

    public Optional<Long> sizeBytes() {
        return Optional.ofNullable(sizeBytes);
    }

    public Optional<Long> durationMillis() {
        return Optional.ofNullable(durationMillis);
    }

    public Optional<String> checksumSha256() {
        return Optional.ofNullable(checksumSha256);
    }

    public Optional<String> storageKey() {
        return Optional.ofNullable(storageKey);
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<Instant> expiredAt() {
        return Optional.ofNullable(expiredAt);
    }

    public boolean legalHold() {
        return legalHold;
    }

    public Optional<String> legalHoldReason() {
        return Optional.ofNullable(legalHoldReason);
    }

    public Optional<String> legalHoldBy() {
        return Optional.ofNullable(legalHoldBy);
    }

    public Optional<Instant> legalHoldAt() {
        return Optional.ofNullable(legalHoldAt);
    }

    public Optional<Instant> deletedAt() {
        return Optional.ofNullable(deletedAt);
    }

    public Optional<DeletionReason> deletedReason() {
        return Optional.ofNullable(deletedReason);
    }
}
