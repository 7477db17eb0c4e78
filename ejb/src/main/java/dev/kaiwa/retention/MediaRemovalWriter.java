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
import java.util.TreeMap;

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
        // Counted here and added once every item is done: a failing chunk must leave the step's data as it was
        // (the runtime keeps it with the failed step, and a restart goes on from it).
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (Object item : items) {
            Optional<Recording> locked = removal.lockForMediaRemoval((String) item);
            if (locked.isEmpty()) {
                continue;
            }
            Recording recording = locked.get();
            Map<String, Long> organization = counts.computeIfAbsent(recording.organization(), key -> new TreeMap<>());
            boolean present = store.exists(StorageKey.media(recording.id()));
            store.deleteRecording(recording.id());
            if (present) {
                organization.merge(PurgeJob.BYTES_FREED, recording.sizeBytes().orElse(0L), Long::sum);
            }
            else {
                organization.merge(PurgeJob.MISSING_BLOBS, 1L, Long::sum);
            }
            if (removal.purged(recording, run)) {
                organization.merge(PurgeJob.DELETED, 1L, Long::sum);
            }
        }
        // Every count of the step is present, also when nothing was done.
        StepCounts.add(step, PurgeJob.DELETED, 0);
        StepCounts.add(step, PurgeJob.MISSING_BLOBS, 0);
        StepCounts.add(step, PurgeJob.BYTES_FREED, 0);
        counts.forEach((organization, added) -> added.forEach((key, amount) ->
                StepCounts.add(step, key, organization, amount)));
    }
}
