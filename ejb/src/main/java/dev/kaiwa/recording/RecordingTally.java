package dev.kaiwa.recording;

/** How many recordings of one status, format and media type there are, and their bytes. */
public record RecordingTally(RecordingStatus status, RecordingFormat format, boolean audioOnly, long count,
        long bytes) {
}
