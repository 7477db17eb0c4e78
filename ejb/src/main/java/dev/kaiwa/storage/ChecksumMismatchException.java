package dev.kaiwa.storage;

import static java.util.Objects.requireNonNull;

/** The content's SHA-256 is not the one the writer expected (a corrupted upload); nothing was stored. */
public class ChecksumMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient StorageKey key;
    private final transient Sha256 expected;
    private final transient Sha256 actual;

    public ChecksumMismatchException(StorageKey key, Sha256 expected, Sha256 actual) {
        super("content for " + requireNonNull(key, "key is null") + " has SHA-256 "
                + requireNonNull(actual, "actual is null") + ", expected " + requireNonNull(expected, "expected is null"));
        this.key = key;
        this.expected = expected;
        this.actual = actual;
    }

    public StorageKey key() {
        return key;
    }

    public Sha256 expected() {
        return expected;
    }

    public Sha256 actual() {
        return actual;
    }
}
