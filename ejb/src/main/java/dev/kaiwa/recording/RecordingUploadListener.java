package dev.kaiwa.recording;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** Starts finalization once a completion has committed. */
@ApplicationScoped
public class RecordingUploadListener {
    @Inject
    RecordingFinalizer finalizer;

    void completed(@Observes(during = TransactionPhase.AFTER_SUCCESS) UploadCompleted event) {
        finalizer.finalizeLater(event.recordingId());
    }
}
