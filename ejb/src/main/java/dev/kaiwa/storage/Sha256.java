package dev.kaiwa.storage;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A SHA-256 digest of plaintext bytes: the checksum a client sends with an upload chunk, and the checksum
 * of stored and finalized media. Compared in constant time.
 */
public final class Sha256 {
    /** Digest length in bytes. */
    public static final int LENGTH = 32;

    private final byte[] digest;

    private Sha256(byte[] digest) {
        if (digest.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 digest has " + LENGTH + " bytes, not " + digest.length);
        }
        this.digest = digest.clone();
    }

    public static Sha256 of(byte[] digest) {
        return new Sha256(requireNonNull(digest, "digest is null"));
    }

    /** The digest of {@code content}. */
    public static Sha256 digest(byte[] content) {
        return new Sha256(newDigest().digest(content));
    }

    /** A fresh SHA-256 {@link MessageDigest}; every JVM has one. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * Reads a digest written as 64 hexadecimal characters or as base64 (standard or URL-safe, padding
     * optional), the two forms clients use in checksum headers.
     *
     * @throws IllegalArgumentException if {@code text} is neither
     */
    public static Sha256 parse(String text) {
        requireNonNull(text, "text is null");
        String value = text.strip();
        try {
            if (value.length() == 2 * LENGTH) {
                return new Sha256(HexFormat.of().parseHex(value));
            }
            if (value.length() == 43 || value.length() == 44) {
                String base64 = value.replace('-', '+').replace('_', '/');
                return new Sha256(Base64.getDecoder().decode(base64.length() == 43 ? base64 + "=" : base64));
            }
        }
        catch (IllegalArgumentException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("not a SHA-256 digest in hex (64 characters) or base64 (44 characters)");
    }

    public byte[] bytes() {
        return digest.clone();
    }

    /** Lower-case hexadecimal, 64 characters. */
    public String hex() {
        return HexFormat.of().formatHex(digest);
    }

    /** Standard base64 with padding, 44 characters (as in an HTTP {@code Digest}/{@code Repr-Digest} header). */
    public String base64() {
        return Base64.getEncoder().encodeToString(digest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sha256 that && MessageDigest.isEqual(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return hex();
    }
}
