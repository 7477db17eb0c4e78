package dev.kaiwa.signaling;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ICE servers handed to a participant in every welcome: the configured STUN servers and, when
 * TURN is configured, short-lived credentials in coturn's {@code use-auth-secret} scheme
 * (username {@code <expiry unix seconds>:<participantId>}, credential base64(HMAC-SHA1(secret, username))).
 */
public final class IceServers {
    /** Looked up once: every Json.* call would look the provider up again. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final List<String> stunUrls;
    private final List<String> turnUrls;
    private final String turnSecret;
    private final Duration turnTtl;

    public IceServers(String stunUrls, String turnUrls, String turnSecret, Duration turnTtl) {
        this.stunUrls = split(stunUrls);
        this.turnUrls = split(turnUrls);
        this.turnSecret = turnSecret == null ? "" : turnSecret;
        this.turnTtl = turnTtl;
        if (!this.turnUrls.isEmpty() && this.turnSecret.isEmpty()) {
            throw new IllegalStateException("kaiwa.ice.turn-urls is set but kaiwa.ice.turn-secret is empty");
        }
    }

    private static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(url -> !url.isEmpty()).toList();
    }

    public JsonArray forParticipant(String participantId, Instant now) {
        JsonArrayBuilder servers = JSON.createArrayBuilder();
        if (!stunUrls.isEmpty()) {
            servers.add(JSON.createObjectBuilder().add("urls", JSON.createArrayBuilder(stunUrls)));
        }
        if (!turnUrls.isEmpty()) {
            String username = now.plus(turnTtl).getEpochSecond() + ":" + participantId;
            servers.add(JSON.createObjectBuilder()
                    .add("urls", JSON.createArrayBuilder(turnUrls))
                    .add("username", username)
                    .add("credential", credential(turnSecret, username)));
        }
        return servers.build();
    }

    /** coturn's REST-API credential for a username. */
    public static String credential(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from the JVM", e);
        }
    }
}
