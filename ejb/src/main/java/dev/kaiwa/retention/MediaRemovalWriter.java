package dev.kaiwa.retention;

import dev.kaiwa.recording.Recording;
import dev.kaiwa.recording.RecordingRemoval;
import dev.kaiwa.storage.RecordingStore;
import dev.kaiwa.storage.StorageKey;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 2's writer, per recording in the chunk's transaction: lock the row (still EXPIRED and not held), delete
 * its blob (a missing blob is a no-op), mark it DELETED with reason RETENTION, which writes its RECORDING_PURGED
 * audit entry (naming this job execution and instance) and its {@code recording.deleted} webhook event in the
 * same transaction. If the chunk rolls back after a blob went, the row is still EXPIRED, the entry and the event
 * are gone with it, and the restart's delete is a no-op: no row is deleted (or announced) twice, no READY row
 * loses its file. Counts are kept for the run and for each organization, whose announcement the last step makes.
 */
@Named
@Dependent
public class MediaRemovalWriter extends AbstractItemWriter {
    @Inject
    RecordingRemoval removal;

    @Inject
    RecordingStore store;

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Override
    public void writeItems(List<Object> items) {
        Map<String, Long> run = Map.of("jobExecutionId", job.getExecutionId(), "jobInstanceId", job.getInstanceId());
        for (Object item : items) {
            Optional<Recording> locked = removal.lockForMediaRemoval((String) item);
            if (locked.isEmpty()) {
                continue;
            }
            Recording recording = locked.get();
            String organization = recording.organization();
            boolean present = store.exists(StorageKey.media(recording.id()));
            store.deleteRecording(recording.id());
            if (present) {
                StepCounts.add(step, PurgeJob.BYTES_FREED, organization, recording.sizeBytes().orElse(0L));
            }
            else {
                StepCounts.add(step, PurgeJob.MISSING_BLOBS, organization, 1);
            }
            if (removal.purged(recording, run)) {
                StepCounts.add(step, PurgeJob.DELETED, organization, 1);
            }
        }
        // Present even when nothing was done, as before: readers see every count of the step.
        StepCounts.add(step, PurgeJob.DELETED, 0);
        StepCounts.add(step, PurgeJob.MISSING_BLOBS, 0);
        StepCounts.add(step, PurgeJob.BYTES_FREED, 0);
    }
}
