package dev.kaiwa.recording;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a recording is. STARTING → RECORDING (the recorder acknowledged) → PROCESSING (stopped; upload and
 * finalization) → READY → EXPIRED → DELETED. STARTING, RECORDING and PROCESSING may end FAILED; READY,
 * EXPIRED and FAILED may be DELETED.
 */
public enum RecordingStatus {
    STARTING,
    RECORDING,
    PROCESSING,
    READY,
    FAILED,
    EXPIRED,
    DELETED;

    /** The statuses this one may move to. */
    public Set<RecordingStatus> next() {
        return switch (this) {
            case STARTING -> EnumSet.of(RECORDING, FAILED);
            case RECORDING -> EnumSet.of(PROCESSING, FAILED);
            case PROCESSING -> EnumSet.of(READY, FAILED);
            case READY -> EnumSet.of(EXPIRED, DELETED);
            case EXPIRED, FAILED -> EnumSet.of(DELETED);
            case DELETED -> EnumSet.noneOf(RecordingStatus.class);
        };
    }

    public boolean mayMoveTo(RecordingStatus target) {
        return next().contains(target);
    }

    /** Being captured by a recorder right now (or about to be). */
    public boolean isCapturing() {
        return this == STARTING || this == RECORDING;
    }

    /** Chunks may be uploaded: while capturing and after the stop, until the upload is complete. */
    public boolean acceptsChunks() {
        return this == RECORDING || this == PROCESSING;
    }
}
