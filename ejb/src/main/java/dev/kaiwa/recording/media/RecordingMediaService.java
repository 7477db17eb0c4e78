package dev.kaiwa.recording.media;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.storage.BlobWriter;
import dev.kaiwa.storage.RecordingStore;
import dev.kaiwa.storage.StorageKey;
import dev.kaiwa.storage.StoredBlob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A recording's media in the store: measures the uploaded chunks and finalizes them into the seekable
 * {@link StorageKey#media(String) media blob}, reading the decrypting chunks twice and writing through the
 * encrypting store, so no plaintext reaches the disk. Chunks are numbered from 0. Finalizing takes seconds
 * per hour of media and blocks: call it off request and WebSocket threads. The chunks stay until the caller
 * deletes them ({@link RecordingStore#deleteChunks(String)}) after recording the result.
 */
@ApplicationScoped
public class RecordingMediaService {
    @Inject
    RecordingStore store;

    RecordingMediaService() {
    }

    public RecordingMediaService(RecordingStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** The sequence numbers among 0 to {@code chunkCount - 1} that are not stored, ascending. */
    public List<Integer> missingChunks(String recordingId, int chunkCount) {
        requireChunkCount(chunkCount);
        Set<Integer> stored = new HashSet<>(store.chunkSequences(recordingId));
        List<Integer> missing = new ArrayList<>();
        for (int sequence = 0; sequence < chunkCount; sequence++) {
            if (!stored.contains(sequence)) {
                missing.add(sequence);
            }
        }
        return missing;
    }

    /**
     * The duration of the media in chunks 0 to {@code chunkCount - 1}, from the frames' timestamps; to refuse
     * media longer than the recording's own start-to-stop interval.
     *
     * @throws MissingChunksException if some of the chunks are not stored
     * @throws InvalidMediaException if they are not one WebM stream
     */
    public Duration uploadedDuration(String recordingId, int chunkCount) {
        List<Integer> sequences = requireChunks(recordingId, chunkCount);
        try (InputStream in = store.readChunks(recordingId, sequences)) {
            return WebmFinalizer.readDuration(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the chunks of a recording", e);
        }
    }

    /**
     * Finalizes chunks 0 to {@code chunkCount - 1} into the recording's seekable media blob. Doing it again
     * with the same chunks stores nothing new (the output is the same).
     *
     * @throws MissingChunksException if some of the chunks are not stored
     * @throws InvalidMediaException if they are not one WebM stream with frames
     * @throws dev.kaiwa.storage.BlobConflictException if other media is already stored for the recording
     */
    public FinalizedMedia finalizeMedia(String recordingId, int chunkCount) {
        List<Integer> sequences = requireChunks(recordingId, chunkCount);
        StorageKey key = StorageKey.media(recordingId);
        try (BlobWriter writer = store.writer(key)) {
            FinalizedMedia media = WebmFinalizer.finalizeWebm(() -> store.readChunks(recordingId, sequences), writer);
            StoredBlob stored = writer.commit(media.sha256());
            if (stored.size() != media.size()) {
                throw new IllegalStateException("stored media size differs from the written size");
            }
            return media;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot finalize the media of a recording", e);
        }
    }

    private List<Integer> requireChunks(String recordingId, int chunkCount) {
        List<Integer> missing = missingChunks(recordingId, chunkCount);
        if (!missing.isEmpty()) {
            throw new MissingChunksException(missing);
        }
        return IntStream.range(0, chunkCount).boxed().toList();
    }

    private static void requireChunkCount(int chunkCount) {
        if (chunkCount < 1) {
            throw new IllegalArgumentException("a recording has at least one chunk");
        }
    }
}
