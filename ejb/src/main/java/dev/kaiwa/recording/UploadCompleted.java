package dev.kaiwa.recording;

import static java.util.Objects.requireNonNull;

/** A recording's upload is complete; after the commit, its media is finalized in the background. */
public record UploadCompleted(String recordingId) {
    public UploadCompleted {
        requireNonNull(recordingId, "recordingId is null");
    }
}
