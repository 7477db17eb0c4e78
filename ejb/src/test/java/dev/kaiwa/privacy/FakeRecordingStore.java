package dev.kaiwa.privacy;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.storage.BlobWriter;
import dev.kaiwa.storage.RecordingStore;
import dev.kaiwa.storage.Sha256;
import dev.kaiwa.storage.StorageKey;
import dev.kaiwa.storage.StorageUsage;
import dev.kaiwa.storage.StoredBlob;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A recording store that only knows which recordings exist and which were deleted: the privacy feature
 * deletes whole recordings and does nothing else with the store, so every other use fails the test.
 */
final class FakeRecordingStore implements RecordingStore {
    private final Set<String> stored = new HashSet<>();
    private final Set<String> failing = new HashSet<>();
    private final List<String> deleted = new ArrayList<>();

    /** A recording with something stored. */
    void store(String recordingId) {
        stored.add(requireNonNull(recordingId, "recordingId is null"));
    }

    /** Deleting this recording fails as a broken disk would. */
    void failDeleting(String recordingId) {
        failing.add(requireNonNull(recordingId, "recordingId is null"));
    }

    boolean holds(String recordingId) {
        return stored.contains(recordingId);
    }

    /** The recordings deleted, in order (deleting nothing counts too: it is a no-op, not an error). */
    List<String> deleted() {
        return List.copyOf(deleted);
    }

    @Override
    public void deleteRecording(String recordingId) {
        if (failing.contains(recordingId)) {
            throw new UncheckedIOException("disk failure", new IOException("cannot delete " + recordingId));
        }
        stored.remove(recordingId);
        deleted.add(recordingId);
    }

    @Override
    public StoredBlob write(StorageKey key, InputStream content) {
        throw unexpected("write");
    }

    @Override
    public StoredBlob write(StorageKey key, InputStream content, Sha256 expected) {
        throw unexpected("write");
    }

    @Override
    public BlobWriter writer(StorageKey key) {
        throw unexpected("writer");
    }

    @Override
    public InputStream read(StorageKey key) {
        throw unexpected("read");
    }

    @Override
    public InputStream read(StorageKey key, long offset, long length) {
        throw unexpected("read");
    }

    @Override
    public long size(StorageKey key) {
        throw unexpected("size");
    }

    @Override
    public boolean exists(StorageKey key) {
        throw unexpected("exists");
    }

    @Override
    public void delete(StorageKey key) {
        throw unexpected("delete");
    }

    @Override
    public List<Integer> chunkSequences(String recordingId) {
        throw unexpected("chunkSequences");
    }

    @Override
    public InputStream readChunks(String recordingId, List<Integer> sequences) {
        throw unexpected("readChunks");
    }

    @Override
    public void deleteChunks(String recordingId) {
        throw unexpected("deleteChunks");
    }

    @Override
    public StorageUsage usage(String recordingId) {
        throw unexpected("usage");
    }

    @Override
    public StorageUsage usage() {
        throw unexpected("usage");
    }

    @Override
    public void checkAvailable() {
        throw unexpected("checkAvailable");
    }

    private static AssertionError unexpected(String method) {
        return new AssertionError("the code under test called RecordingStore." + method
                + "; erasures only delete whole recordings");
    }
}
