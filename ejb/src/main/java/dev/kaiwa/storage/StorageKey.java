package dev.kaiwa.storage;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * Where a blob lives in the store: a relative path of id-like segments such as
 * {@code recordings/<recordingId>/chunks/<sequence>} or {@code recordings/<recordingId>/media.webm}. Keys
 * carry ids only, so nothing personal ends up in a path. The key is also bound to the blob's ciphertext: a
 * blob copied or moved to another key no longer decrypts.
 */
public record StorageKey(String value) {
    /** Longest key, well within every file system's path limits. */
    public static final int MAX_LENGTH = 200;
    /** Longest recording id the layout accepts. */
    public static final int MAX_ID_LENGTH = 64;
    /** File name of a recording's finalized media. */
    public static final String MEDIA_FILE = "media.webm";

    private static final String RECORDINGS = "recordings";
    private static final String CHUNKS = "chunks";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9]+)?");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ID_LENGTH + "}");

    public StorageKey {
        requireNonNull(value, "value is null");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("storage key must be 1 to " + MAX_LENGTH + " characters");
        }
        for (String segment : value.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("storage key segments are letters, digits, '-', '_' and at most "
                        + "one '.' before an extension: " + value);
            }
        }
    }

    /** The key of upload chunk {@code sequence} (0 or more) of a recording. */
    public static StorageKey chunk(String recordingId, int sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("chunk sequence must not be negative: " + sequence);
        }
        return new StorageKey(chunksPrefix(recordingId) + "/" + sequence);
    }

    /** The key of a recording's finalized, seekable media. */
    public static StorageKey media(String recordingId) {
        return new StorageKey(recordingPrefix(recordingId) + "/" + MEDIA_FILE);
    }

    /** The folder-like prefix under which everything of a recording is stored. */
    public static String recordingPrefix(String recordingId) {
        return RECORDINGS + "/" + requireRecordingId(recordingId);
    }

    /** The folder-like prefix under which a recording's upload chunks are stored. */
    public static String chunksPrefix(String recordingId) {
        return recordingPrefix(recordingId) + "/" + CHUNKS;
    }

    /** Checks that a recording id can be a path segment: 1 to 64 URL-safe characters. */
    public static String requireRecordingId(String recordingId) {
        requireNonNull(recordingId, "recordingId is null");
        if (!ID.matcher(recordingId).matches()) {
            throw new IllegalArgumentException("recording id must be 1 to " + MAX_ID_LENGTH
                    + " characters of A-Z, a-z, 0-9, '-' and '_'");
        }
        return recordingId;
    }

    @Override
    public String toString() {
        return value;
    }
}
