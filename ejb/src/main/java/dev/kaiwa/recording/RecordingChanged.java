package dev.kaiwa.recording;

import static java.util.Objects.requireNonNull;

/**
 * A recording changed status; fired inside the transaction, observed after it commits. A new start
 * carries the token its recorder uploads with; nobody else is given it.
 */
public record RecordingChanged(RecordingState recording, String uploadToken) {
    public RecordingChanged {
        requireNonNull(recording, "recording is null");
    }
}
