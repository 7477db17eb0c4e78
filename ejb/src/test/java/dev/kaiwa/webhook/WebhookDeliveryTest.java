package dev.kaiwa.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A delivery's way through its attempts: delivered on 2xx, retried with backoff, failed when they are used up. */
class WebhookDeliveryTest {
    private static final Instant T0 = Instant.parse("2026-04-01T10:00:00Z");
    private static final WebhookBackoff BACKOFF = new WebhookBackoff(3, Duration.ofSeconds(10), Duration.ofMinutes(10));
    private static final Duration TOOK = Duration.ofMillis(40);

    private final Webhook webhook = new Webhook("acme", "carol", new WebhookSettings(URI.create("https://hr.example.com/h"),
            EnumSet.of(WebhookEventType.CALL_STARTED), Optional.empty(), true), "whsec_test-secret-of-enough-length",
            TestingWebhookServices.SECRETS, T0);

    @Test
    void newDeliveryIsDueAtOnce() {
        WebhookDelivery delivery = delivery();

        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.nextAttemptAt()).contains(T0);
        assertThat(delivery.attempts()).isZero();
        assertThat(delivery.webhookId()).isEqualTo(webhook.id());
        assertThat(delivery.organization()).isEqualTo("acme");
        assertThat(delivery.eventType()).isEqualTo(WebhookEventType.CALL_STARTED);
    }

    @Test
    void successfulAnswerDeliversIt() {
        WebhookDelivery delivery = delivery();

        delivery.attempted(DeliveryOutcome.answered(204, TOOK), T0, T0.plusSeconds(1), BACKOFF, 0.5);

        assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastStatusCode()).contains(204);
        assertThat(delivery.lastError()).isEmpty();
        assertThat(delivery.deliveredAt()).contains(T0.plusSeconds(1));
        assertThat(delivery.nextAttemptAt()).isEmpty();
    }

    @Test
    void failedAttemptIsRetriedAfterTheBackoff() {
        WebhookDelivery delivery = delivery();
        Instant recorded = T0.plusSeconds(2);

        delivery.attempted(DeliveryOutcome.answered(503, TOOK), T0, recorded, BACKOFF, 0.0);

        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastStatusCode()).contains(503);
        assertThat(delivery.lastError()).contains("HTTP 503");
        assertThat(delivery.lastAttemptAt()).contains(T0);
        assertThat(delivery.nextAttemptAt()).contains(recorded.plusSeconds(5));

        delivery.attempted(DeliveryOutcome.failed("connection refused or unreachable", TOOK), T0.plusSeconds(8),
                T0.plusSeconds(8), BACKOFF, 0.0);

        assertThat(delivery.lastStatusCode()).isEmpty();
        assertThat(delivery.lastError()).contains("connection refused or unreachable");
        assertThat(delivery.nextAttemptAt()).contains(T0.plusSeconds(8 + 10));
    }

    @Test
    void deliveryFailsWhenTheAttemptsAreUsedUp() {
        WebhookDelivery delivery = delivery();

        for (int i = 0; i < 3; i++) {
            delivery.attempted(DeliveryOutcome.answered(500, TOOK), T0, T0, BACKOFF, 0.0);
        }

        assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.nextAttemptAt()).isEmpty();
        assertThat(delivery.deliveredAt()).isEmpty();
        assertThatThrownBy(() -> delivery.attempted(DeliveryOutcome.answered(200, TOOK), T0, T0, BACKOFF, 0.0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyTwoHundredsCountAsDelivered() {
        assertThat(DeliveryOutcome.answered(200, TOOK).delivered()).isTrue();
        assertThat(DeliveryOutcome.answered(299, TOOK).delivered()).isTrue();
        assertThat(DeliveryOutcome.answered(301, TOOK).delivered()).isFalse();
        assertThat(DeliveryOutcome.answered(199, TOOK).delivered()).isFalse();
        assertThat(DeliveryOutcome.failed("timed out", TOOK).delivered()).isFalse();
        assertThat(DeliveryOutcome.failed("e".repeat(2_000), TOOK).error()).hasSize(DeliveryOutcome.MAX_ERROR);
    }

    private WebhookDelivery delivery() {
        return new WebhookDelivery(webhook, "evt-1", WebhookEventType.CALL_STARTED, T0, "{\"id\":\"evt-1\"}", T0);
    }
}
