package dev.kaiwa.recording;

import dev.kaiwa.shared.Actor;
import dev.kaiwa.storage.RecordingStore;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Deleting a recording by hand, in the order {@link RecordingRemoval} describes: the row becomes DELETED and
 * commits, then the blob goes, then the row is marked as having no media. If the process dies in between,
 * the purge job removes the blob on its next run.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecordingDeletion {
    @Inject
    RecordingService recordings;

    @Inject
    RecordingRemoval removal;

    @Inject
    RecordingStore store;

    public Recording delete(Actor actor, String recordingId) {
        recordings.markDeleted(actor, recordingId);
        store.deleteRecording(recordingId);
        removal.confirmMediaRemoved(recordingId);
        return recordings.find(recordingId);
    }
}
