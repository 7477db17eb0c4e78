package dev.kaiwa.privacy;

import dev.kaiwa.storage.RecordingStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes the blobs of erased recordings once the erasure has committed. A blob that cannot be deleted is
 * logged with its recording id for the operator (the row says DELETED already), and the others are still
 * deleted.
 */
@ApplicationScoped
public class ErasedRecordingsListener {
    private static final Logger LOG = Logger.getLogger(ErasedRecordingsListener.class.getName());

    @Inject
    RecordingStore store;

    void erased(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecordingsErased event) {
        for (String recordingId : event.recordingIds()) {
            try {
                store.deleteRecording(recordingId);
            }
            catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Deleting the stored media of erased recording " + recordingId + " failed", e);
            }
        }
    }
}
