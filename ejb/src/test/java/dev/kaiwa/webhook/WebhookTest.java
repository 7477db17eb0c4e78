package dev.kaiwa.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which events a subscription receives. */
class WebhookTest {
    private static final Instant T0 = Instant.parse("2026-04-01T10:00:00Z");

    @Test
    void activeSubscriptionReceivesExactlyTheEventsItNames() {
        Webhook webhook = webhook(EnumSet.of(WebhookEventType.CALL_STARTED, WebhookEventType.RECORDING_READY), true);

        assertThat(EnumSet.allOf(WebhookEventType.class)).filteredOn(webhook::receives)
                .containsExactly(WebhookEventType.CALL_STARTED, WebhookEventType.RECORDING_READY);
    }

    @Test
    void inactiveSubscriptionReceivesNothing() {
        Webhook webhook = webhook(EnumSet.allOf(WebhookEventType.class), false);

        assertThat(EnumSet.allOf(WebhookEventType.class)).noneMatch(webhook::receives);
    }

    @Test
    void changedEventsApplyToLaterMatches() {
        Webhook webhook = webhook(EnumSet.of(WebhookEventType.CALL_ENDED), true);

        webhook.change(new WebhookSettings(webhook.url(), EnumSet.of(WebhookEventType.CALL_MISSED), Optional.empty(), true),
                T0.plusSeconds(5));

        assertThat(webhook.receives(WebhookEventType.CALL_ENDED)).isFalse();
        assertThat(webhook.receives(WebhookEventType.CALL_MISSED)).isTrue();
        assertThat(webhook.updatedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void settingsSurviveTheRoundTripThroughTheEntity() {
        WebhookSettings settings = new WebhookSettings(URI.create("https://hr.example.com/hook"),
                EnumSet.of(WebhookEventType.PURGE_COMPLETED, WebhookEventType.CALL_STARTED), Optional.of("ATS"), true);

        Webhook webhook = new Webhook("acme", "carol", settings, "whsec_test-secret-of-enough-length",
                TestingWebhookServices.SECRETS, T0);

        assertThat(webhook.settings()).isEqualTo(settings);
        assertThat(webhook.events()).containsExactly(WebhookEventType.CALL_STARTED, WebhookEventType.PURGE_COMPLETED);
    }

    private static Webhook webhook(Set<WebhookEventType> events, boolean active) {
        return new Webhook("acme", "carol", new WebhookSettings(URI.create("https://hr.example.com/hook"), events,
                Optional.empty(), active), "whsec_test-secret-of-enough-length",
                TestingWebhookServices.SECRETS, T0);
    }
}
