package dev.kaiwa.recording;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.call.CallRepository;
import java.time.Clock;

/** Builds the recording feature's beans outside the container, with what CDI would inject. */
public final class TestingRecordingServices {
    private TestingRecordingServices() {
    }

    public static RecordingRemoval recordingRemoval(RecordingRepository recordings, CallRepository calls, Clock clock) {
        RecordingRemoval removal = new RecordingRemoval();
        removal.recordings = requireNonNull(recordings, "recordings is null");
        removal.calls = requireNonNull(calls, "calls is null");
        removal.clock = requireNonNull(clock, "clock is null");
        return removal;
    }
}
