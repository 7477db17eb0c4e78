package dev.kaiwa.it.signaling;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * coturn's use-auth-secret scheme (the TURN REST API draft): the password of a username is the
 * Base64 of its HMAC-SHA1 under the secret the TURN server shares with Kaiwa.
 */
public final class TurnCredentials {
    private static final String HMAC_SHA1 = "HmacSHA1";

    private TurnCredentials() {
    }

    /** The credential a TURN server with {@code secret} accepts for {@code username}. */
    public static String credential(String secret, String username) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), HMAC_SHA1));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is missing from the JVM", e);
        }
    }
}
