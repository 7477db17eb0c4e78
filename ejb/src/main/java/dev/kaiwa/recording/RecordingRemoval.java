package dev.kaiwa.recording;

import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallEventType;
import dev.kaiwa.call.CallRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
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

    /** After its blob is gone: the (locked) recording is DELETED for {@code reason} and has no media. */
    public void mediaDeleted(Recording recording, DeletionReason reason, String actor) {
        Instant now = clock.instant();
        if (recording.status() != RecordingStatus.DELETED) {
            recording.delete(reason, now);
            calls.addEvent(new CallEvent(recording.callId(), CallEventType.RECORDING_DELETED, now, actor,
                    recording.participantId().orElse(null), "recording " + recording.id() + " (" + reason + ")"));
        }
        recording.mediaRemoved();
    }

    /** Confirms the blob of a DELETED recording is gone; no-op when it was confirmed already. */
    public void confirmMediaRemoved(String recordingId) {
        recordings.findForUpdate(recordingId)
                .filter(Recording::awaitsMediaRemoval)
                .ifPresent(Recording::mediaRemoved);
    }
}
