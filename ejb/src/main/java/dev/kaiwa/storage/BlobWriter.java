package dev.kaiwa.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A streaming write of one blob: bytes written here are encrypted on the way to a temporary file next to
 * the target, so no write holds the whole blob in memory and no plaintext reaches the disk. {@link
 * #commit()} makes the blob appear under its key atomically; closing without a commit discards it. Not
 * thread-safe.
 */
public abstract class BlobWriter extends OutputStream {
    /**
     * Finishes the write and stores the blob under its key: atomically, durably (synced before it becomes
     * visible), create-once. If the same content is already stored the write is a no-op ({@link
     * StoredBlob#created()} is {@code false}).
     *
     * @throws BlobConflictException if other content is stored under the key; nothing changes
     */
    public abstract StoredBlob commit() throws IOException;

    /**
     * Like {@link #commit()}, after checking the content's SHA-256.
     *
     * @throws ChecksumMismatchException if the content's SHA-256 is not {@code expected}; nothing is stored
     */
    public abstract StoredBlob commit(Sha256 expected) throws IOException;

    /** Plaintext bytes written so far. */
    public abstract long written();

    /** Discards the write unless it was committed. */
    @Override
    public abstract void close() throws IOException;
}
