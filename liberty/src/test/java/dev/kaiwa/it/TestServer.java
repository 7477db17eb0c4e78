package dev.kaiwa.it;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the server under test runs and what it was configured with, as the build passes it in
 * system properties ({@code kaiwa.base-url}, {@code kaiwa.test.keys.dir}, {@code kaiwa.server.dir},
 * {@code kaiwa.public-url}).
 */
final class TestServer {
    /** The test server's {@code kaiwa.cors.allowed-origins}. */
    static final String ALLOWED_ORIGIN = "https://portal.example.com";
    /** The test server's {@code kaiwa.rate-limit.per-minute}. */
    static final int RATE_LIMIT_PER_MINUTE = 20;

    private TestServer() {
    }

    /** E.g. {@code http://localhost:9080}, without a trailing slash. */
    static URI baseUrl() {
        return URI.create(stripTrailingSlash(required("kaiwa.base-url")));
    }

    /** The REST API root, {@code <base>/api/v1}. */
    static String apiUrl() {
        return baseUrl() + "/api/v1";
    }

    /** The configured {@code kaiwa.public-url} that join links are built on. */
    static String publicUrl() {
        return stripTrailingSlash(required("kaiwa.public-url"));
    }

    static Path keysDirectory() {
        return Path.of(required("kaiwa.test.keys.dir"));
    }

    static Path serverDirectory() {
        return Path.of(required("kaiwa.server.dir"));
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
