package dev.kaiwa.retention;

import dev.kaiwa.recording.DeletionReason;
import dev.kaiwa.recording.Recording;
import dev.kaiwa.recording.RecordingRemoval;
import dev.kaiwa.storage.RecordingStore;
import dev.kaiwa.storage.StorageKey;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Optional;

/**
 * Step 2's writer, per recording in the chunk's transaction: lock the row (still EXPIRED and not held), delete
 * its blob (a missing blob is a no-op), mark it DELETED with reason RETENTION. If the chunk rolls back after a
 * blob went, the row is still EXPIRED and the restart's delete is a no-op: no row is deleted twice, no READY
 * row loses its file.
 */
@Named
@Dependent
public class MediaRemovalWriter extends AbstractItemWriter {
    @Inject
    RecordingRemoval removal;

    @Inject
    RecordingStore store;

    @Inject
    StepContext step;

    @Override
    public void writeItems(List<Object> items) {
        long deleted = 0;
        long missing = 0;
        long bytes = 0;
        for (Object item : items) {
            Optional<Recording> locked = removal.lockForMediaRemoval((String) item);
            if (locked.isEmpty()) {
                continue;
            }
            Recording recording = locked.get();
            boolean present = store.exists(StorageKey.media(recording.id()));
            store.deleteRecording(recording.id());
            if (present) {
                bytes += recording.sizeBytes().orElse(0L);
            }
            else {
                missing++;
            }
            boolean expired = !recording.awaitsMediaRemoval();
            removal.mediaDeleted(recording, DeletionReason.RETENTION, "system");
            if (expired) {
                deleted++;
            }
        }
        StepCounts.add(step, PurgeJob.DELETED, deleted);
        StepCounts.add(step, PurgeJob.MISSING_BLOBS, missing);
        StepCounts.add(step, PurgeJob.BYTES_FREED, bytes);
    }
}
