package dev.kaiwa.recording;

import dev.kaiwa.recording.media.FinalizedMedia;
import dev.kaiwa.recording.media.InvalidMediaException;
import dev.kaiwa.recording.media.RecordingMediaService;
import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.storage.RecordingStore;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Completes uploads and finalizes media outside any transaction: the media is measured against the
 * recording's own start-to-stop interval (longer media is refused), then rewritten as a seekable WebM
 * with a duration and cues, encrypted like everything in the store, and the recording becomes READY.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecordingFinalizer {
    private static final Logger LOG = Logger.getLogger(RecordingFinalizer.class.getName());

    @Inject
    RecordingUploadService uploads;

    @Inject
    RecordingMediaService media;

    @Inject
    RecordingRepository recordings;

    @Inject
    RecordingStore store;

    @Inject
    @ConfigProperty(name = "kaiwa.recording.duration-margin", defaultValue = "PT2S")
    Duration margin;

    /**
     * The recorder says its upload of {@code chunkCount} chunks is complete. Media longer than the server's own
     * start-to-stop interval plus the margin, or not readable as WebM, is refused and the recording fails.
     */
    public Recording complete(RecorderCredential recorder, String recordingId, int chunkCount) {
        Recording recording = uploads.prepareCompletion(recorder, recordingId, chunkCount);
        if (recording.completedAt().isPresent()) {
            return recording;
        }
        Duration allowed = RecordingUploadService.allowedDuration(recording, margin);
        Duration uploaded;
        try {
            uploaded = media.uploadedDuration(recordingId, chunkCount);
        }
        catch (InvalidMediaException e) {
            failAndPurge(recordingId, "uploaded media is not readable WebM: " + e.getMessage());
            throw new DomainException(ErrorCode.MEDIA_INVALID, "The uploaded chunks are not one WebM stream: "
                    + e.getMessage());
        }
        if (uploaded.compareTo(allowed) > 0) {
            failAndPurge(recordingId, "uploaded media lasts " + uploaded.toMillis() + " ms, longer than the recording's "
                    + allowed.toMillis() + " ms");
            throw new DomainException(ErrorCode.MEDIA_TOO_LONG, "The media lasts " + uploaded.toMillis() + " ms; the "
                    + "recording ran for " + allowed.minus(margin).toMillis() + " ms (plus a margin of "
                    + margin.toMillis() + " ms)");
        }
        return uploads.markCompleted(recordingId);
    }

    /** Finalizes a completed upload in the background (started after the completion commits). */
    @Asynchronous
    public void finalizeLater(String recordingId) {
        finalizeNow(recordingId);
    }

    /** Finalizes a completed upload; on failure the recording fails and its chunks are purged. */
    public void finalizeNow(String recordingId) {
        try {
            Recording recording = recordings.find(recordingId).orElseThrow(RecordingService::notFound);
            if (recording.status() != RecordingStatus.PROCESSING || recording.completedAt().isEmpty()) {
                return;
            }
            FinalizedMedia finalized = media.finalizeMedia(recordingId, recording.chunkCount());
            Recording after = uploads.markReady(recordingId, finalized.size(), finalized.durationMillis(),
                    finalized.sha256().hex());
            if (after.status() != RecordingStatus.READY) {
                // Deleted, erased or failed while the media was being written: nothing may keep what was written.
                LOG.info(() -> "Recording " + recordingId + " became " + after.status() + " while it was finalized;"
                        + " its media is discarded");
                store.deleteRecording(recordingId);
                return;
            }
            store.deleteChunks(recordingId);
        }
        catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Finalizing recording " + recordingId + " failed", e);
            failAndPurge(recordingId, "finalization failed: " + e.getMessage());
        }
    }

    /** Recordings not READY within {@code readyTimeout} of their request fail and their chunks are purged. */
    public int failUnfinished(Duration readyTimeout, java.time.Instant now, int limit) {
        var stale = recordings.unfinishedBefore(now.minus(readyTimeout), limit);
        for (Recording recording : stale) {
            failAndPurge(recording.id(), "not ready within " + readyTimeout);
        }
        return stale.size();
    }

    private void failAndPurge(String recordingId, String reason) {
        uploads.markFailed(recordingId, reason);
        store.deleteRecording(recordingId);
    }
}
