package dev.kaiwa.shared;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The format of every public id: 32 URL-safe base64 characters carrying 192 random bits, so ids can
 * be put in links and cannot be guessed.
 */
public final class RandomIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{32}");

    private RandomIds() {
    }

    public static String newId() {
        return randomToken(24);
    }

    /** {@code bytes} random bytes as unpadded URL-safe base64. */
    public static String randomToken(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    public static boolean isWellFormed(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
