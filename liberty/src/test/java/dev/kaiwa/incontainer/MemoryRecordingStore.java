package dev.kaiwa.incontainer;

import dev.kaiwa.storage.BlobWriter;
import dev.kaiwa.storage.RecordingStore;
import dev.kaiwa.storage.Sha256;
import dev.kaiwa.storage.StorageKey;
import dev.kaiwa.storage.StorageUsage;
import dev.kaiwa.storage.StoredBlob;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The recording store of the purge tests: blobs in memory, so a test sees exactly which exist, and a switch
 * that makes one recording deletion fail as a broken disk would, to interrupt a purge run in the middle of a
 * chunk. Replaces the file-system store in the test archive (a global alternative).
 */
@ApplicationScoped
@Alternative
@Priority(1000)
public class MemoryRecordingStore implements RecordingStore {
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> removals = new ConcurrentHashMap<>();
    private final AtomicInteger deletionsUntilFailure = new AtomicInteger(-1);

    /** The recording's media blob, as the finalizer would have stored it. */
    public void putMedia(String recordingId, byte[] content) {
        blobs.put(StorageKey.media(recordingId).value(), content.clone());
    }

    public boolean hasMedia(String recordingId) {
        return blobs.containsKey(StorageKey.media(recordingId).value());
    }

    /** The recordings that have a media blob. */
    public Set<String> recordingsWithMedia() {
        return blobs.keySet().stream()
                .filter(key -> key.endsWith("/" + StorageKey.MEDIA_FILE))
                .map(key -> key.split("/")[1])
                .collect(Collectors.toSet());
    }

    /** How many times a recording's stored blobs were actually removed (deletes of nothing do not count). */
    public int removalsOf(String recordingId) {
        AtomicInteger count = removals.get(recordingId);
        return count == null ? 0 : count.get();
    }

    /** The deletion after {@code successful} more deletions fails with an I/O error, once. */
    public void failAfter(int successful) {
        deletionsUntilFailure.set(successful);
    }

    public void clear() {
        blobs.clear();
        removals.clear();
        deletionsUntilFailure.set(-1);
    }

    @Override
    public void deleteRecording(String recordingId) {
        if (deletionsUntilFailure.get() >= 0 && deletionsUntilFailure.getAndDecrement() == 0) {
            throw new UncheckedIOException(new IOException("injected: the disk failed while deleting " + recordingId));
        }
        String prefix = StorageKey.recordingPrefix(recordingId) + "/";
        boolean removed = blobs.keySet().removeIf(key -> key.startsWith(prefix));
        if (removed) {
            removals.computeIfAbsent(recordingId, id -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Override
    public boolean exists(StorageKey key) {
        return blobs.containsKey(key.value());
    }

    @Override
    public void delete(StorageKey key) {
        blobs.remove(key.value());
    }

    @Override
    public InputStream read(StorageKey key) {
        return new ByteArrayInputStream(blobs.get(key.value()));
    }

    @Override
    public long size(StorageKey key) {
        return blobs.get(key.value()).length;
    }

    @Override
    public void checkAvailable() {
    }

    @Override
    public StoredBlob write(StorageKey key, InputStream content) {
        throw unsupported();
    }

    @Override
    public StoredBlob write(StorageKey key, InputStream content, Sha256 expected) {
        throw unsupported();
    }

    @Override
    public BlobWriter writer(StorageKey key) {
        throw unsupported();
    }

    @Override
    public InputStream read(StorageKey key, long offset, long length) {
        throw unsupported();
    }

    @Override
    public List<Integer> chunkSequences(String recordingId) {
        throw unsupported();
    }

    @Override
    public InputStream readChunks(String recordingId, List<Integer> sequences) {
        throw unsupported();
    }

    @Override
    public void deleteChunks(String recordingId) {
        blobs.keySet().removeIf(key -> key.startsWith(StorageKey.chunksPrefix(recordingId)));
    }

    @Override
    public StorageUsage usage(String recordingId) {
        throw unsupported();
    }

    @Override
    public StorageUsage usage() {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("the purge tests' store only holds media blobs");
    }
}
