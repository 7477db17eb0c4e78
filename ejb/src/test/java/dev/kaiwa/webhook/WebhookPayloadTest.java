package dev.kaiwa.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaiwa.call.CallType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The delivery body: the envelope and the data values as JSON. */
class WebhookPayloadTest {
    private static final Instant AT = Instant.parse("2026-04-01T10:00:00.123456Z");

    @Test
    void envelopeNamesTheEventItsTimeAndOrganization() {
        JsonObject body = parse(WebhookPayload.body("evt-1", WebhookEventType.CALL_ENDED, AT, "acme", Map.of("callId", "c1")));

        assertThat(body.keySet()).containsExactly("id", "type", "occurredAt", "organizationId", "data");
        assertThat(body.getString("id")).isEqualTo("evt-1");
        assertThat(body.getString("type")).isEqualTo("call.ended");
        assertThat(Instant.parse(body.getString("occurredAt"))).isEqualTo(AT);
        assertThat(body.getString("organizationId")).isEqualTo("acme");
        assertThat(body.getJsonObject("data").getString("callId")).isEqualTo("c1");
    }

    @Test
    void dataValuesBecomeTheirJsonForms() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", "面接");
        data.put("count", 3);
        data.put("bytes", 5_000_000_000L);
        data.put("flag", true);
        data.put("at", AT);
        data.put("took", Duration.ofSeconds(90));
        data.put("type", CallType.VIDEO);
        data.put("missing", null);
        data.put("absent", Optional.empty());
        data.put("present", Optional.of("x"));
        data.put("list", List.of("a", 1));
        data.put("nested", Map.of("k", "v"));

        JsonObject json = parse(WebhookPayload.body("evt-1", WebhookEventType.CALL_STARTED, AT, "acme", data))
                .getJsonObject("data");

        assertThat(json.keySet()).containsExactlyElementsOf(data.keySet());
        assertThat(json.getString("text")).isEqualTo("面接");
        assertThat(json.getInt("count")).isEqualTo(3);
        assertThat(json.getJsonNumber("bytes").longValueExact()).isEqualTo(5_000_000_000L);
        assertThat(json.getBoolean("flag")).isTrue();
        assertThat(json.getString("at")).isEqualTo("2026-04-01T10:00:00.123456Z");
        assertThat(json.getString("took")).isEqualTo("PT1M30S");
        assertThat(json.getString("type")).isEqualTo("VIDEO");
        assertThat(json.isNull("missing")).isTrue();
        assertThat(json.isNull("absent")).isTrue();
        assertThat(json.getString("present")).isEqualTo("x");
        assertThat(json.getJsonArray("list").getString(0)).isEqualTo("a");
        assertThat(json.getJsonArray("list").getInt(1)).isEqualTo(1);
        assertThat(json.getJsonObject("nested").getString("k")).isEqualTo("v");
    }

    @Test
    void valuesWithoutAJsonFormAreRefused() {
        assertThatThrownBy(() -> WebhookPayload.body("evt-1", WebhookEventType.CALL_STARTED, AT, "acme",
                Map.of("thread", new Object()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bodyLargerThanTheOutboxHoldsIsRefused() {
        assertThatThrownBy(() -> WebhookPayload.body("evt-1", WebhookEventType.CALL_STARTED, AT, "acme",
                Map.of("text", "x".repeat(WebhookPayload.MAX_LENGTH)))).isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonObject parse(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
