package dev.kaiwa.retention;

import dev.kaiwa.recording.RecordingRepository;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Step 2's reader: EXPIRED recordings without legal hold, this run's and any an interrupted run left, and
 * DELETED ones whose blob removal was interrupted.
 */
@Named
@Dependent
public class MediaRemovalReader extends IdPageReader {
    @Inject
    RecordingRepository recordings;

    @Override
    protected List<String> next(String afterId, int limit) {
        return recordings.awaitingMediaRemoval(afterId, limit);
    }
}
