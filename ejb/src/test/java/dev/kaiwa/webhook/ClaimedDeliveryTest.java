package dev.kaiwa.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The request an attempt sends: Kaiwa's headers and a signature over the timestamp it names. */
class ClaimedDeliveryTest {
    private static final String SECRET = "whsec_test-secret-of-enough-length";

    @Test
    void requestCarriesIdsAndASignatureOverItsTimestampAndBody() {
        ClaimedDelivery claimed = new ClaimedDelivery("delivery-1", "token-1", "webhook-1",
                URI.create("https://hr.example.com/hook"), SECRET, "event-1", WebhookEventType.CALL_ENDED,
                "{\"id\":\"event-1\"}", 3);

        WebhookRequest request = claimed.request(1_767_225_600L);

        assertThat(request.url()).isEqualTo(URI.create("https://hr.example.com/hook"));
        assertThat(request.body()).isEqualTo("{\"id\":\"event-1\"}");
        assertThat(request.headers())
                .containsEntry("Content-Type", "application/json")
                .containsEntry("Kaiwa-Webhook-Id", "event-1")
                .containsEntry("Kaiwa-Webhook-Delivery", "delivery-1")
                .containsEntry("Kaiwa-Webhook-Attempt", "3")
                .containsEntry("Kaiwa-Webhook-Event", "call.ended")
                .containsEntry("Kaiwa-Webhook-Timestamp", "1767225600");
        assertThat(WebhookSignature.verify(SECRET, 1_767_225_600L, request.body(),
                request.headers().get("Kaiwa-Webhook-Signature"))).isTrue();
    }
}
