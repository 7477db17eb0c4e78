package dev.kaiwa.privacy;

import java.util.List;

/**
 * Recordings were deleted by an erasure (or found deleted already); fired inside the transaction, observed
 * after it commits to delete their blobs, so a rolled-back erasure never leaves a recording without media.
 */
public record RecordingsErased(List<String> recordingIds) {
    public RecordingsErased {
        recordingIds = List.copyOf(recordingIds);
    }
}
