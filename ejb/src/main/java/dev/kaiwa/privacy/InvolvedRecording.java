package dev.kaiwa.privacy;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.recording.Recording;

/** A recording that concerns the person, and how. */
public record InvolvedRecording(Recording recording, RecordingRelation relation) {
    public InvolvedRecording {
        requireNonNull(recording, "recording is null");
        requireNonNull(relation, "relation is null");
    }
}
