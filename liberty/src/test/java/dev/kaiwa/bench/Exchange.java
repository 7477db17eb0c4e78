package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;

/**
 * One request and what came back: a status and body, or the transport failure that prevented an
 * answer; with the time from sending to the last byte of the body.
 */
record Exchange(int status, String body, Optional<Throwable> failure, long elapsedNanos) {
    private static final int MAXIMUM_DETAIL_LENGTH = 300;

    Exchange {
        requireNonNull(body, "body is null");
        requireNonNull(failure, "failure is null");
    }

    static Exchange answered(int status, String body, long elapsedNanos) {
        return new Exchange(status, body, Optional.empty(), elapsedNanos);
    }

    static Exchange failed(Throwable failure, long elapsedNanos) {
        return new Exchange(0, "", Optional.of(failure), elapsedNanos);
    }

    boolean succeeded() {
        return failure.isEmpty() && status >= 200 && status < 300;
    }

    /**
     * How a failed exchange is counted: the status with the problem's {@code code}
     * ({@code 409 ILLEGAL_CALL_TRANSITION}), or the transport failure's class.
     */
    String outcome() {
        if (failure.isPresent()) {
            return "no response: " + failure.get().getClass().getSimpleName();
        }
        return field("code").map(code -> status + " " + code).orElse(String.valueOf(status));
    }

    /** A short text to show next to the outcome: the problem's detail, or the start of the body. */
    String detail() {
        if (failure.isPresent()) {
            return String.valueOf(failure.get().getMessage());
        }
        String text = field("detail").orElse(body.isBlank() ? "(empty body)" : body.strip());
        return text.length() > MAXIMUM_DETAIL_LENGTH ? text.substring(0, MAXIMUM_DETAIL_LENGTH) + "…" : text;
    }

    /** A member of the JSON object in the body, as text; empty if there is none or the body is no JSON object. */
    Optional<String> field(String name) {
        if (!body.startsWith("{")) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readObject().get(name);
            if (value instanceof JsonString text) {
                return Optional.of(text.getString());
            }
            return value == null || value.getValueType() == JsonValue.ValueType.NULL ? Optional.empty()
                    : Optional.of(value.toString());
        }
        catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
