package dev.kaiwa.privacy;

import dev.kaiwa.recording.RecordingRemoval;
import dev.kaiwa.storage.RecordingStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes the media of erased recordings once the erasure has committed: deletes each blob, then records on
 * the row that its media is gone. A removal that fails is logged with its recording id and left to the purge
 * job, which finishes DELETED recordings whose media removal was not confirmed; the others still go.
 */
@ApplicationScoped
public class ErasedRecordingsListener {
    private static final Logger LOG = Logger.getLogger(ErasedRecordingsListener.class.getName());

    @Inject
    RecordingStore store;

    @Inject
    RecordingRemoval removal;

    void erased(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecordingsErased event) {
        for (String recordingId : event.recordingIds()) {
            try {
                store.deleteRecording(recordingId);
                removal.confirmMediaRemoved(recordingId);
            }
            catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Removing the media of erased recording " + recordingId + " failed; the purge "
                        + "job finishes it", e);
            }
        }
    }
}
