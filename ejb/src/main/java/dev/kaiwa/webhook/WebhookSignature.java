package dev.kaiwa.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature scheme of deliveries, {@code v1}: the lower-case hex HMAC-SHA256, keyed with the UTF-8 bytes
 * of the subscription's secret, of {@code <timestamp>.<body>}, where the timestamp is the
 * {@code Kaiwa-Webhook-Timestamp} header (Unix seconds) and the body the exact bytes sent. Receivers recompute
 * it, compare in constant time, and refuse old timestamps, so a captured delivery cannot be replayed later.
 */
public final class WebhookSignature {
    /** The version tag in front of the hex digest in {@code Kaiwa-Webhook-Signature}. */
    public static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The header value, {@code v1=<hex>}. */
    public static String sign(String secret, long timestamp, String body) {
        return VERSION + "=" + HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    /** Whether {@code header} holds a {@code v1} signature of this timestamp and body under the secret. */
    public static boolean verify(String secret, long timestamp, String body, String header) {
        requireNonNull(header, "header is null");
        byte[] expected = sign(secret, timestamp, body).getBytes(UTF_8);
        for (String candidate : header.strip().split("\\s+")) {
            if (MessageDigest.isEqual(expected, candidate.getBytes(UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] mac(String secret, long timestamp, String body) {
        requireNonNull(secret, "secret is null");
        requireNonNull(body, "body is null");
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), ALGORITHM));
            return mac.doFinal((timestamp + "." + body).getBytes(UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
