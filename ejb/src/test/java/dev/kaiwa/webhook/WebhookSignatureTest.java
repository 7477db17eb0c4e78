package dev.kaiwa.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The v1 signature: HMAC-SHA256 of "timestamp.body" keyed with the secret's UTF-8 bytes, as README documents it. */
class WebhookSignatureTest {
    private static final String SECRET = "whsec_MfKQ9r2kH7x3VbN8pL4sT6wYzA1cE5dG";
    private static final long TIMESTAMP = 1_767_225_600L;
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"call.started\",\"data\":{\"callId\":\"c1\",\"title\":\"面接\"}}";

    @Test
    void signatureMatchesAVectorComputedWithAnotherHmacImplementation() {
        // Python: hmac.new(SECRET.encode(), (str(TIMESTAMP) + "." + BODY).encode("utf-8"), hashlib.sha256).hexdigest()
        String expected = "v1=9c892643558711c7ed3ee66743b29b78559aa01969c6ee7b33b3e9324ec59800";

        assertThat(WebhookSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(expected);
    }

    @Test
    void signatureIsTheHexHmacOfTimestampDotBody() throws Exception {
        String secret = "another-secret-with-enough-characters";
        String body = "{\"id\":\"x\",\"data\":{}}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(("42." + body).getBytes(UTF_8)));

        assertThat(WebhookSignature.sign(secret, 42, body)).isEqualTo("v1=" + expected).matches("v1=[0-9a-f]{64}");
    }

    @Test
    void secretTimestampAndBodyEachChangeTheSignature() {
        String signature = WebhookSignature.sign(SECRET, TIMESTAMP, BODY);

        assertThat(WebhookSignature.sign(SECRET + "x", TIMESTAMP, BODY)).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign(SECRET, TIMESTAMP + 1, BODY)).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign(SECRET, TIMESTAMP, BODY + " ")).isNotEqualTo(signature);
    }

    @Test
    void verificationAcceptsTheSignatureAlsoAmongOthers() {
        String signature = WebhookSignature.sign(SECRET, TIMESTAMP, BODY);

        assertThat(WebhookSignature.verify(SECRET, TIMESTAMP, BODY, signature)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, TIMESTAMP, BODY, "v1=00ff " + signature)).isTrue();
    }

    @Test
    void verificationRefusesATamperedBodyAnOldTimestampOrAnotherSecret() {
        String signature = WebhookSignature.sign(SECRET, TIMESTAMP, BODY);

        assertThat(WebhookSignature.verify(SECRET, TIMESTAMP, BODY.replace("c1", "c2"), signature)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, TIMESTAMP - 300, BODY, signature)).isFalse();
        assertThat(WebhookSignature.verify("whsec_someone-elses-secret-value", TIMESTAMP, BODY, signature)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, TIMESTAMP, BODY, signature.substring(3))).isFalse();
    }
}
