package dev.kaiwa.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A response of the server under test; describes itself (request, status, body) in assertion messages. */
public final class ApiResponse {
    private static final int MAXIMUM_DESCRIBED_BODY = 2_000;

    private final String method;
    private final URI uri;
    private final int status;
    private final HttpHeaders headers;
    private final String body;

    ApiResponse(String method, URI uri, int status, HttpHeaders headers, String body) {
        this.method = method;
        this.uri = uri;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The media type without parameters, lower case; empty string when there is none. */
    public String mediaType() {
        return header("Content-Type").map(value -> value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .orElse("");
    }

    /** The body as a JSON object; fails the test when it is not one. */
    public JsonObject json() {
        JsonValue value = jsonValue();
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new AssertionError("Expected a JSON object from " + describe());
        }
        return value.asJsonObject();
    }

    /** The {@code items} array of a list response. */
    public JsonArray items() {
        JsonArray items = json().getJsonArray("items");
        if (items == null) {
            throw new AssertionError("Expected an items array from " + describe());
        }
        return items;
    }

    public JsonValue jsonValue() {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        }
        catch (JsonException e) {
            throw new AssertionError("Expected JSON from " + describe(), e);
        }
    }

    /** Fails the test unless the status is one of {@code expected}; returns this response. */
    public ApiResponse expectStatus(int... expected) {
        if (Arrays.stream(expected).noneMatch(candidate -> candidate == status)) {
            throw new AssertionError("Expected status " + Arrays.toString(expected) + " from " + describe());
        }
        return this;
    }

    /** E.g. {@code POST http://.../calls -> 400 application/problem+json {...}}, for assertion messages. */
    public String describe() {
        String shown = body.length() > MAXIMUM_DESCRIBED_BODY ? body.substring(0, MAXIMUM_DESCRIBED_BODY) + "…" : body;
        return method + " " + uri + " -> " + status + " " + header("Content-Type").orElse("(no content type)") + " "
                + shown;
    }

    @Override
    public String toString() {
        return describe();
    }
}
