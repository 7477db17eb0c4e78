package dev.kaiwa.storage;

import static java.util.Objects.requireNonNull;

/**
 * Different content is already stored under the key. Writes are create-once: the same content again is a
 * no-op, other content is refused and the stored blob stays as it was (delete it first to replace it).
 */
public class BlobConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient StorageKey key;

    public BlobConflictException(StorageKey key) {
        super("other content is already stored under " + requireNonNull(key, "key is null"));
        this.key = key;
    }

    public StorageKey key() {
        return key;
    }
}
