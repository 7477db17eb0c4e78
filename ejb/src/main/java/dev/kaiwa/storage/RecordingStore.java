package dev.kaiwa.storage;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The port to recordings' bytes: upload chunks and finalized media, encrypted at rest, under keys made of
 * ids only ({@link StorageKey}). Writes stream and are atomic and create-once (the same content twice is a
 * no-op, so retried uploads are harmless); reads stream, either whole or as a plaintext range for HTTP
 * Range requests. Safe for concurrent use.
 *
 * <p>Failures of the disk surface as {@link UncheckedIOException}; ciphertext that fails authentication as
 * {@link BlobIntegrityException} (from read streams, or wrapped in an {@link UncheckedIOException}).
 */
public interface RecordingStore {
    /**
     * Stores {@code content} (read to its end, not closed) under {@code key}.
     *
     * @throws BlobConflictException if other content is already stored under the key
     */
    StoredBlob write(StorageKey key, InputStream content);

    /**
     * Stores {@code content} under {@code key} if its SHA-256 is {@code expected}, as an upload with a
     * checksum does.
     *
     * @throws ChecksumMismatchException if it is not; nothing is stored
     * @throws BlobConflictException if other content is already stored under the key
     */
    StoredBlob write(StorageKey key, InputStream content, Sha256 expected);

    /** Opens a streaming write to {@code key}; see {@link BlobWriter}. */
    BlobWriter writer(StorageKey key);

    /**
     * The blob's plaintext, streamed and decrypted on the fly; a read that meets tampered ciphertext throws
     * {@link BlobIntegrityException}.
     *
     * @throws BlobNotFoundException if nothing is stored under the key
     */
    InputStream read(StorageKey key);

    /**
     * {@code length} plaintext bytes from {@code offset}, decrypting only the encryption segments that hold
     * them (for HTTP Range). A range reaching past the end yields the bytes up to the end; an offset at or
     * past the end yields nothing.
     *
     * @throws BlobNotFoundException if nothing is stored under the key
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
     */
    InputStream read(StorageKey key, long offset, long length);

    /**
     * The blob's plaintext size, computed from the stored size after authenticating the first encryption
     * segment, without decrypting the rest.
     *
     * @throws BlobNotFoundException if nothing is stored under the key
     */
    long size(StorageKey key);

    boolean exists(StorageKey key);

    /** Deletes the blob; deleting a missing blob is a no-op. */
    void delete(StorageKey key);

    /** The sequence numbers of a recording's stored upload chunks, ascending; empty when there are none. */
    List<Integer> chunkSequences(String recordingId);

    /**
     * The plaintext of a recording's chunks {@code sequences} one after the other, as the recorder produced
     * them; chunks are opened one at a time as the stream reaches them.
     *
     * @throws BlobNotFoundException if one of them is not stored (when the stream reaches it)
     */
    InputStream readChunks(String recordingId, List<Integer> sequences);

    /** Deletes a recording's upload chunks (after finalization); a no-op when there are none. */
    void deleteChunks(String recordingId);

    /** Deletes everything stored for a recording (purge); a no-op when there is nothing. */
    void deleteRecording(String recordingId);

    /** What a recording takes on disk. */
    StorageUsage usage(String recordingId);

    /** What all recordings take on disk. */
    StorageUsage usage();

    /**
     * Fails unless the store can be used: its keys are loaded and its root exists and is writable. Called
     * at start-up, so a server without a storage keyset refuses to start.
     *
     * @throws IllegalStateException naming what is missing
     */
    void checkAvailable();
}
