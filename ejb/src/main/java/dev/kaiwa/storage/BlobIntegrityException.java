package dev.kaiwa.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;

/**
 * A stored blob failed authentication while being decrypted: it was altered or truncated on disk, moved
 * from another key, or written with a key the configured keyset no longer holds. Never a client's fault.
 * Thrown by the read streams (hence an {@link IOException}); methods without a stream wrap it in an
 * {@link java.io.UncheckedIOException}.
 */
public class BlobIntegrityException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient StorageKey key;

    public BlobIntegrityException(StorageKey key, Throwable cause) {
        super("stored blob " + requireNonNull(key, "key is null") + " does not decrypt: altered, moved, or "
                + "written with a key that is not in the keyset", cause);
        this.key = key;
    }

    public StorageKey key() {
        return key;
    }
}
