package dev.kaiwa.recording;

import dev.kaiwa.call.CallClosed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Stops a call's running recordings in the same transaction that ends the call. */
@ApplicationScoped
public class RecordingCallListener {
    @Inject
    RecordingService recordings;

    void callClosed(@Observes CallClosed event) {
        recordings.callEnded(event.callId());
    }
}
