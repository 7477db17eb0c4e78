package dev.kaiwa.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One request being built: headers, query parameters and an optional body; {@link #send()} sends it. */
public final class ApiRequest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String method;
    private final String url;
    private final List<String> query = new ArrayList<>();
    private final List<String[]> headers = new ArrayList<>();
    private String body;
    private String contentType;

    ApiRequest(HttpClient http, String method, String url) {
        this.http = http;
        this.method = method;
        this.url = url;
    }

    public ApiRequest header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    /** {@code Authorization: Bearer <token>}. */
    public ApiRequest bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    /** Authenticates as a test user or a participant. */
    public ApiRequest as(Credential credential) {
        return bearer(credential.bearerToken());
    }

    /** Adds a URL-encoded query parameter. */
    public ApiRequest query(String name, Object value) {
        query.add(URLEncoder.encode(name, UTF_8) + "=" + URLEncoder.encode(String.valueOf(value), UTF_8));
        return this;
    }

    /** A JSON body. */
    public ApiRequest json(JsonValue value) {
        return body(value.toString(), "application/json");
    }

    /** Any body text with its content type, e.g. deliberately malformed JSON. */
    public ApiRequest body(String text, String type) {
        this.body = text;
        this.contentType = type;
        return this;
    }

    public ApiResponse send() {
        URI uri = URI.create(query.isEmpty() ? url : url + "?" + String.join("&", query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json;q=0.9, */*;q=0.8")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (String[] header : headers) {
            request.setHeader(header[0], header[1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
            return new ApiResponse(method, uri, response.statusCode(), response.headers(), response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + uri + " was interrupted", e);
        }
    }
}
