package dev.kaiwa.it;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * A small HTTP client for the server under test: requests are built with {@link ApiRequest} and
 * answered as {@link ApiResponse}, with JSON through Jakarta JSON Processing. HTTP/1.1 only, so no
 * request is ever upgraded behind the test's back.
 */
public final class ApiClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final String root;

    private ApiClient(String root) {
        this.root = root;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Paths are relative to the REST root, {@code <base>/api/v1}. */
    public static ApiClient api() {
        return new ApiClient(TestServer.apiUrl());
    }

    /** Paths are relative to the server root: {@code /metrics}, {@code /health}, {@code /openapi}. */
    public static ApiClient server() {
        return new ApiClient(TestServer.baseUrl().toString());
    }

    public ApiRequest get(String path) {
        return new ApiRequest(http, "GET", root + path);
    }

    public ApiRequest post(String path) {
        return new ApiRequest(http, "POST", root + path);
    }

    public ApiRequest put(String path) {
        return new ApiRequest(http, "PUT", root + path);
    }

    public ApiRequest patch(String path) {
        return new ApiRequest(http, "PATCH", root + path);
    }

    public ApiRequest delete(String path) {
        return new ApiRequest(http, "DELETE", root + path);
    }

    public ApiRequest options(String path) {
        return new ApiRequest(http, "OPTIONS", root + path);
    }
}
