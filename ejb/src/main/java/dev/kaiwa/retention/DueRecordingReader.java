package dev.kaiwa.retention;

import dev.kaiwa.recording.RecordingRepository;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;

/** Step 1's reader: READY recordings without legal hold whose retention ends by the run's {@code asOf}. */
@Named
@Dependent
public class DueRecordingReader extends IdPageReader {
    @Inject
    RecordingRepository recordings;

    @Inject
    @BatchProperty(name = PurgeJob.AS_OF)
    String asOf;

    @Override
    protected List<String> next(String afterId, int limit) {
        return recordings.dueForExpiry(Instant.parse(asOf), afterId, limit);
    }
}
