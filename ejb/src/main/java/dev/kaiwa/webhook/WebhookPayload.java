package dev.kaiwa.webhook;

import static java.util.Objects.requireNonNull;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON body of a delivery: {@code {id, type, occurredAt, organizationId, data}}. It is written once, when
 * the event is published, and every attempt sends exactly these bytes, so a signature always covers what
 * the event said. Data values may be text, numbers, booleans, instants and durations (as ISO-8601 text),
 * enums (by name), optionals, nested maps and collections, or null.
 */
public final class WebhookPayload {
    /** The largest body Kaiwa stores (the column's size); events carry ids and facts, not documents. */
    public static final int MAX_LENGTH = 16_000;

    private WebhookPayload() {
    }

    public static String body(String eventId, WebhookEventType type, Instant occurredAt, String organizationId,
            Map<String, ?> data) {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(type, "type is null");
        requireNonNull(occurredAt, "occurredAt is null");
        requireNonNull(organizationId, "organizationId is null");
        requireNonNull(data, "data is null");
        String body = Json.createObjectBuilder()
                .add("id", eventId)
                .add("type", type.wireName())
                .add("occurredAt", occurredAt.toString())
                .add("organizationId", organizationId)
                .add("data", object(data))
                .build()
                .toString();
        if (body.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The " + type.wireName() + " event is " + body.length()
                    + " characters long; at most " + MAX_LENGTH + " are stored");
        }
        return body;
    }

    private static JsonObjectBuilder object(Map<?, ?> map) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        map.forEach((key, value) -> builder.add(String.valueOf(requireNonNull(key, "data key is null")), value(value)));
        return builder;
    }

    private static JsonValue value(Object value) {
        if (value instanceof Optional<?> optional) {
            return value(optional.orElse(null));
        }
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        if (value instanceof String text) {
            return Json.createValue(text);
        }
        if (value instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Json.createValue(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return Json.createValue(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal decimal) {
            return Json.createValue(decimal);
        }
        if (value instanceof BigInteger integer) {
            return Json.createValue(integer);
        }
        if (value instanceof Instant || value instanceof Duration) {
            return Json.createValue(value.toString());
        }
        if (value instanceof Enum<?> constant) {
            return Json.createValue(constant.name());
        }
        if (value instanceof Map<?, ?> map) {
            return object(map).build();
        }
        if (value instanceof Collection<?> collection) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            collection.forEach(element -> array.add(value(element)));
            return array.build();
        }
        throw new IllegalArgumentException("Event data cannot hold a " + value.getClass().getName());
    }
}
