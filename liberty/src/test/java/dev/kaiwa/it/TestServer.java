package dev.kaiwa.it;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the server under test runs and what it was configured with, as the build passes it in
 * system properties ({@code kaiwa.base-url}, {@code kaiwa.test.keys.dir}, {@code kaiwa.server.dir},
 * {@code kaiwa.public-url}, {@code kaiwa.cors.allowed-origins}, {@code kaiwa.rate-limit.per-minute}).
 */
public final class TestServer {
    private TestServer() {
    }

    /** The one browser origin the test server allows (its {@code kaiwa.cors.allowed-origins}). */
    public static String allowedOrigin() {
        return required("kaiwa.cors.allowed-origins").split(",")[0].strip();
    }

    /** Requests per minute and caller on the rate-limited endpoints. */
    public static int rateLimitPerMinute() {
        return Integer.parseInt(required("kaiwa.rate-limit.per-minute"));
    }

    /** E.g. {@code http://localhost:9080}, without a trailing slash. */
    public static URI baseUrl() {
        return URI.create(stripTrailingSlash(required("kaiwa.base-url")));
    }

    /** The REST API root, {@code <base>/api/v1}. */
    public static String apiUrl() {
        return baseUrl() + "/api/v1";
    }

    /** The configured {@code kaiwa.public-url} that join links are built on. */
    public static String publicUrl() {
        return stripTrailingSlash(required("kaiwa.public-url"));
    }

    public static Path keysDirectory() {
        return Path.of(required("kaiwa.test.keys.dir"));
    }

    public static Path serverDirectory() {
        return Path.of(required("kaiwa.server.dir"));
    }

    /** Any other setting the build passes in, e.g. the signaling timings; fails when it is missing. */
    public static String setting(String name) {
        return required(name);
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run the tests through Maven (verify)");
        }
        return value;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
