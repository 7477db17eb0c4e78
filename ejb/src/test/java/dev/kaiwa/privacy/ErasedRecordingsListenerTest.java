package dev.kaiwa.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErasedRecordingsListenerTest {
    private final FakeRecordingStore store = new FakeRecordingStore();
    private final ErasedRecordingsListener listener = TestingPrivacyServices.erasedRecordingsListener(store);

    @Test
    void everyErasedRecordingsBlobsAreDeleted() {
        store.store("recording-1");
        store.store("recording-2");
        store.store("recording-3");

        listener.erased(new RecordingsErased(List.of("recording-1", "recording-2")));

        assertThat(store.holds("recording-1")).isFalse();
        assertThat(store.holds("recording-2")).isFalse();
        assertThat(store.holds("recording-3")).as("not erased").isTrue();
    }

    @Test
    void oneFailedDeletionDoesNotKeepTheOthers() {
        store.store("recording-1");
        store.store("recording-2");
        store.failDeleting("recording-1");

        listener.erased(new RecordingsErased(List.of("recording-1", "recording-2")));

        assertThat(store.deleted()).containsExactly("recording-2");
        assertThat(store.holds("recording-2")).isFalse();
    }
}
