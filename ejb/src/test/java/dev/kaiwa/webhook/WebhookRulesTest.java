package dev.kaiwa.webhook;

import static dev.kaiwa.shared.DomainAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.shared.DomainException;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FieldError;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a subscription may say: its URL, its events, its description and secret. */
class WebhookRulesTest {
    @Test
    void httpsUrlIsAccepted() {
        assertThat(WebhookRules.url(" https://hr.example.com:8443/hooks/kaiwa?tenant=7 ", false))
                .isEqualTo(URI.create("https://hr.example.com:8443/hooks/kaiwa?tenant=7"));
    }

    @Test
    void httpUrlNeedsTheServerToAllowIt() {
        DomainException refusal = assertRefused(ErrorCode.WEBHOOK_URL_INVALID,
                () -> WebhookRules.url("http://127.0.0.1:8080/hook", false));

        assertThat(refusal.fieldErrors()).extracting(FieldError::field).containsExactly("url");
        assertThat(WebhookRules.url("http://127.0.0.1:8080/hook", true)).isEqualTo(URI.create("http://127.0.0.1:8080/hook"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "hr.example.com/hook", "/hooks/kaiwa", "ftp://hr.example.com/hook",
            "mailto:hr@example.com", "https://", "https:///path", "https://user:pass@hr.example.com/hook",
            "https://hr.example.com/hook#part", "https://hr example.com/hook", "javascript:alert(1)"})
    void urlThatIsNotAnAbsoluteHttpsUrlOfAHostIsRefused(String url) {
        DomainException refusal = assertRefused(ErrorCode.WEBHOOK_URL_INVALID, () -> WebhookRules.url(url, true));

        assertThat(refusal.fieldErrors()).extracting(FieldError::field).containsExactly("url");
    }

    @Test
    void missingOrOverlongUrlIsRefused() {
        assertRefused(ErrorCode.WEBHOOK_URL_INVALID, () -> WebhookRules.url(null, false));
        assertRefused(ErrorCode.WEBHOOK_URL_INVALID,
                () -> WebhookRules.url("https://hr.example.com/" + "a".repeat(WebhookRules.MAX_URL), false));
    }

    @Test
    void knownEventsAreAcceptedInTheirOwnOrderWithoutRepeats() {
        assertThat(WebhookRules.events(List.of("recording.ready", "call.started", " call.started ")))
                .containsExactly(WebhookEventType.CALL_STARTED, WebhookEventType.RECORDING_READY);
    }

    @Test
    void everyEventTypeHasADistinctWireNameThatIsAccepted() {
        List<String> names = WebhookEventType.wireNames();

        assertThat(names).doesNotHaveDuplicates().contains("call.started", "call.ended", "call.missed",
                "recording.ready", "recording.deleted", "consent.withdrawn", "purge.completed");
        assertThat(WebhookRules.events(names)).containsExactly(WebhookEventType.values());
    }

    @Test
    void unknownEventsAreNamedByTheirPosition() {
        DomainException refusal = assertRefused(ErrorCode.WEBHOOK_EVENT_UNKNOWN,
                () -> WebhookRules.events(Arrays.asList("call.started", "call.exploded", null, "CALL_ENDED")));

        assertThat(refusal.fieldErrors()).extracting(FieldError::field)
                .containsExactly("events[1]", "events[2]", "events[3]");
    }

    @Test
    void subscriptionMustNameAnEvent() {
        DomainException refusal = assertRefused(ErrorCode.VALIDATION_FAILED, () -> WebhookRules.events(List.of()));

        assertThat(refusal.fieldErrors()).extracting(FieldError::field).containsExactly("events");
        assertRefused(ErrorCode.VALIDATION_FAILED, () -> WebhookRules.events(null));
    }

    @Test
    void descriptionIsStrippedAndBlankMeansNone() {
        assertThat(WebhookRules.description("  ATS  ")).contains("ATS");
        assertThat(WebhookRules.description("   ")).isEmpty();
        assertThat(WebhookRules.description(null)).isEmpty();
        assertRefused(ErrorCode.VALIDATION_FAILED, () -> WebhookRules.description("x".repeat(501)));
    }

    @Test
    void ownSecretMustBeLongAndPrintable() {
        String secret = "abcdefghijklmnopqrstuvwx";

        assertThat(WebhookRules.secret(secret)).isEqualTo(secret);
        assertRefused(ErrorCode.VALIDATION_FAILED, () -> WebhookRules.secret(secret.substring(1)));
        assertRefused(ErrorCode.VALIDATION_FAILED, () -> WebhookRules.secret(secret + " " + secret));
        assertRefused(ErrorCode.VALIDATION_FAILED, () -> WebhookRules.secret(secret + "秘密"));
        assertRefused(ErrorCode.VALIDATION_FAILED, () -> WebhookRules.secret("s".repeat(201)));
    }

    @Test
    void generatedSecretsAreUniqueAndAcceptableAsOwnSecrets() {
        String first = WebhookRules.newSecret();
        String second = WebhookRules.newSecret();

        assertThat(first).startsWith("whsec_").hasSize(49).isNotEqualTo(second);
        assertThat(WebhookRules.secret(first)).isEqualTo(first);
    }
}
