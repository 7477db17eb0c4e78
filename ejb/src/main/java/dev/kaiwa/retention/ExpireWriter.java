package dev.kaiwa.retention;

import dev.kaiwa.recording.RecordingRemoval;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;

/**
 * Step 1's writer: marks the chunk's recordings EXPIRED in the chunk's (checkpointed) transaction. Nothing
 * leaves storage here; step 2 deletes the media of EXPIRED rows only.
 */
@Named
@Dependent
public class ExpireWriter extends AbstractItemWriter {
    @Inject
    RecordingRemoval removal;

    @Inject
    StepContext step;

    @Inject
    @BatchProperty(name = PurgeJob.AS_OF)
    String asOf;

    @Override
    public void writeItems(List<Object> items) {
        Instant cutoff = Instant.parse(asOf);
        long expired = items.stream().filter(id -> removal.expire((String) id, cutoff)).count();
        StepCounts.add(step, PurgeJob.EXPIRED, expired);
    }
}
