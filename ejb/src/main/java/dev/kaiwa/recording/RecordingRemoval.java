package dev.kaiwa.recording;

import dev.kaiwa.audit.AuditAction;
import dev.kaiwa.audit.AuditRecord;
import dev.kaiwa.audit.AuditResourceType;
import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallEventType;
import dev.kaiwa.call.CallRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The database halves of removing a recording's media, each in the caller's transaction. The order that keeps
 * rows and blobs consistent whatever fails: the row leaves READY first (EXPIRED, or DELETED with its storage
 * key kept), the blob is deleted after that has committed, and only then is the row marked as having no media.
 * A crash in between leaves a row that the purge job finishes; never a READY row without its blob, never a
 * blob without its row.
 */
@Stateless
public class RecordingRemoval {
    @Inject
    RecordingRepository recordings;

    @Inject
    CallRepository calls;

    @Inject
    AuditTrail audit;

    @Inject
    Event<RecordingChanged> changed;

    @Inject
    Clock clock;

    /** Marks a READY recording due at {@code asOf} EXPIRED; false when it is no longer due (held, gone). */
    public boolean expire(String recordingId, Instant asOf) {
        Optional<Recording> found = recordings.findForUpdate(recordingId);
        if (found.isEmpty()) {
            return false;
        }
        Recording recording = found.get();
        if (recording.status() != RecordingStatus.READY || recording.legalHold()
                || recording.expiresAt().map(expiry -> expiry.isAfter(asOf)).orElse(true)) {
            return false;
        }
        Instant now = clock.instant();
        recording.expire(now);
        calls.addEvent(new CallEvent(recording.callId(), CallEventType.RECORDING_EXPIRED, now, "system",
                recording.participantId().orElse(null), "recording " + recordingId));
        return true;
    }

    /**
     * The recording locked for the purge's blob deletion: an EXPIRED one not under legal hold, or a DELETED
     * one whose blob removal was interrupted; empty otherwise.
     */
    public Optional<Recording> lockForMediaRemoval(String recordingId) {
        return recordings.findForUpdate(recordingId)
                .filter(recording -> (recording.status() == RecordingStatus.EXPIRED && !recording.legalHold())
                        || recording.awaitsMediaRemoval());
    }

    /**
     * After the purge deleted its blob: the (locked) recording is DELETED for RETENTION and has no media. When it
     * becomes DELETED here (it was EXPIRED), the call's event log, the audit trail (RECORDING_PURGED, Kaiwa's own
     * within the recording's organization, with the details of {@code run}) and webhooks ({@code
     * recording.deleted}, through {@link RecordingChanged}) learn of it in the caller's transaction. One that was
     * DELETED already (its removal was interrupted) only loses its storage key.
     *
     * @param run details naming the purge run, added to the audit entry (e.g. {@code jobExecutionId})
     * @return true when the recording became DELETED here
     */
    public boolean purged(Recording recording, Map<String, ?> run) {
        Instant now = clock.instant();
        boolean deletedNow = recording.status() != RecordingStatus.DELETED;
        if (deletedNow) {
            RecordingStatus before = recording.status();
            recording.delete(DeletionReason.RETENTION, now);
            calls.addEvent(new CallEvent(recording.callId(), CallEventType.RECORDING_DELETED, now, "system",
                    recording.participantId().orElse(null), "recording " + recording.id() + " ("
                            + DeletionReason.RETENTION + ")"));
            AuditRecord entry = AuditRecord.system(recording.organization())
                    .did(AuditAction.RECORDING_PURGED, AuditResourceType.RECORDING, recording.id())
                    .with("callId", recording.callId()).with("reason", DeletionReason.RETENTION).with("from", before);
            for (Map.Entry<String, ?> detail : run.entrySet()) {
                entry = entry.with(detail.getKey(), detail.getValue());
            }
            audit.record(entry);
        }
        recording.mediaRemoved();
        if (deletedNow) {
            changed.fire(new RecordingChanged(RecordingState.of(recording), null));
        }
        return deletedNow;
    }

    /** Confirms the blob of a DELETED recording is gone; no-op when it was confirmed already. */
    public void confirmMediaRemoved(String recordingId) {
        recordings.findForUpdate(recordingId)
                .filter(Recording::awaitsMediaRemoval)
                .ifPresent(Recording::mediaRemoved);
    }
}
