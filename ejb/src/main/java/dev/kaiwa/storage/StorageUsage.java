package dev.kaiwa.storage;

/**
 * What a part of the store takes on disk: the number of blobs and the bytes they occupy as stored
 * (ciphertext, including unfinished writes), for storage statistics and quotas.
 */
public record StorageUsage(long blobs, long storedBytes) {
    public static final StorageUsage EMPTY = new StorageUsage(0, 0);

    public StorageUsage {
        if (blobs < 0 || storedBytes < 0) {
            throw new IllegalArgumentException("usage must not be negative");
        }
    }

    public StorageUsage plus(StorageUsage other) {
        return new StorageUsage(blobs + other.blobs, storedBytes + other.storedBytes);
    }
}
