package dev.kaiwa.storage;

import static java.util.Objects.requireNonNull;

/** Nothing is stored under the key. */
public class BlobNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient StorageKey key;

    public BlobNotFoundException(StorageKey key) {
        super("no blob is stored under " + requireNonNull(key, "key is null"));
        this.key = key;
    }

    public StorageKey key() {
        return key;
    }
}
