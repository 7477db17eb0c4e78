package dev.kaiwa.storage;

import static java.util.Objects.requireNonNull;

/**
 * A blob as stored: its key, plaintext size and plaintext SHA-256, and whether this write created it
 * ({@code false} when the same content was already stored under the key, so the write changed nothing).
 */
public record StoredBlob(StorageKey key, long size, Sha256 sha256, boolean created) {
    public StoredBlob {
        requireNonNull(key, "key is null");
        requireNonNull(sha256, "sha256 is null");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
