package dev.kaiwa.recording;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.adapter.storage.FileSystemRecordingStore;
import dev.kaiwa.adapter.storage.StorageKeysets;
import dev.kaiwa.recording.media.FinalizedMedia;
import dev.kaiwa.recording.media.RecordingMediaService;
import dev.kaiwa.storage.RecordingStore;
import dev.kaiwa.storage.Sha256;
import dev.kaiwa.storage.StorageKey;
import dev.kaiwa.storage.StoredBlob;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finalization writes the media before it marks the recording READY. If the recording was erased, deleted or
 * failed in between, the media it wrote must not stay behind without a row that points to it.
 */
class RecordingFinalizerTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final byte[] MEDIA = "finalized webm".getBytes(UTF_8);

    @TempDir
    Path storage;

    private RecordingStore store;
    private Recording recording;

    @BeforeEach
    void stoppedAndUploadedRecording() {
        store = new FileSystemRecordingStore(storage, StorageKeysets.parse(StorageKeysets.generate(), "test"));
        recording = new Recording("call", "org", RecordingKind.COMPOSITE, null, "p1", RecordingFormat.WEBM,
                RecordingQuality.MEDIUM, false, "user:h", T0);
        recording.started(T0.plusSeconds(1));
        recording.stop(StopReason.REQUESTED, T0.plusSeconds(11));
        recording.chunkStored(10);
        recording.uploadCompleted(T0.plusSeconds(12));
        store.write(StorageKey.chunk(recording.id(), 0), new ByteArrayInputStream("chunk".getBytes(UTF_8)));
    }

    @Test
    void readyRecordingKeepsItsMediaAndLosesItsChunks() {
        finalizer(current -> current.ready(StorageKey.media(current.id()).value(), MEDIA.length, 10_000, "00",
                T0.plusSeconds(86_400), T0.plusSeconds(13))).finalizeNow(recording.id());

        assertThat(recording.status()).isEqualTo(RecordingStatus.READY);
        assertThat(store.exists(StorageKey.media(recording.id()))).isTrue();
        assertThat(store.chunkSequences(recording.id())).isEmpty();
    }

    @Test
    void mediaOfARecordingErasedWhileFinalizingIsDiscarded() {
        finalizer(current -> {
            current.fail("erased", T0.plusSeconds(13));
            current.delete(DeletionReason.ERASURE, T0.plusSeconds(13));
        }).finalizeNow(recording.id());

        assertThat(recording.status()).isEqualTo(RecordingStatus.DELETED);
        assertThat(store.exists(StorageKey.media(recording.id()))).isFalse();
        assertThat(store.chunkSequences(recording.id())).isEmpty();
    }

    @Test
    void mediaOfARecordingFailedWhileFinalizingIsDiscarded() {
        finalizer(current -> current.fail("not ready in time", T0.plusSeconds(13))).finalizeNow(recording.id());

        assertThat(recording.status()).isEqualTo(RecordingStatus.FAILED);
        assertThat(store.exists(StorageKey.media(recording.id()))).isFalse();
    }

    /**
     * A finalizer whose media service writes the media into the store, and whose "mark ready" step finds the row
     * as {@code concurrently} left it: the real step turns only a PROCESSING row READY.
     */
    private RecordingFinalizer finalizer(Consumer<Recording> concurrently) {
        RecordingFinalizer finalizer = new RecordingFinalizer();
        finalizer.store = store;
        finalizer.recordings = (RecordingRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RecordingRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("find") && recording.id().equals(args[0])) {
                        return Optional.of(recording);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        finalizer.media = new RecordingMediaService(store) {
            @Override
            public FinalizedMedia finalizeMedia(String recordingId, int chunkCount) {
                StoredBlob blob = store.write(StorageKey.media(recordingId), new ByteArrayInputStream(MEDIA));
                return new FinalizedMedia(blob.size(), 10_000, Sha256.digest(MEDIA), 1, true, false);
            }
        };
        finalizer.uploads = new RecordingUploadService() {
            @Override
            public Recording markReady(String recordingId, long size, long durationMillis, String sha256) {
                concurrently.accept(recording);
                return recording;
            }
        };
        return finalizer;
    }
}
