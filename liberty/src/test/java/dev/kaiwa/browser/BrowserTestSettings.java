package dev.kaiwa.browser;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * What the build passes to the browser tests in system properties: where the server runs, the SSO test
 * keys, the browser, TURN and ffprobe programs, the TURN port and secret and the signaling idle timeout the server
 * was configured with, and the directory for browser profiles and logs.
 */
final class BrowserTestSettings {
    private static final long DEFAULT_PING_SECONDS = 5;

    private BrowserTestSettings() {
    }

    /** E.g. {@code http://localhost:9080}, without a trailing slash. */
    static URI baseUrl() {
        String url = required("kaiwa.base-url");
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** The signaling endpoint of a call on the server under test (not on the public URL, which is fictitious). */
    static String websocketUrl(String callId) {
        URI base = baseUrl();
        String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
        return scheme + "://" + base.getAuthority() + "/ws/calls/" + callId;
    }

    /**
     * The page's ping interval for the server under test, a third of its {@code kaiwa.signaling.idle-timeout}
     * (the client's default, 5 s, is a quarter of the default 20 s); empty when the default does.
     */
    static OptionalLong pingSeconds() {
        String idleTimeout = System.getProperty("kaiwa.signaling.idle-timeout");
        if (idleTimeout == null || idleTimeout.isBlank()) {
            return OptionalLong.empty();
        }
        long seconds = Math.max(1, Duration.parse(idleTimeout.strip()).toSeconds() / 3);
        return seconds >= DEFAULT_PING_SECONDS ? OptionalLong.empty() : OptionalLong.of(seconds);
    }

    static Path keysDirectory() {
        return Path.of(required("kaiwa.test.keys.dir"));
    }

    static Path chromium() {
        return program("kaiwa.test.chromium", "Chromium", "chromium");
    }

    static Path chromedriver() {
        return program("kaiwa.test.chromedriver", "chromedriver", "chromium-driver");
    }

    static Path turnserver() {
        return program("kaiwa.test.turnserver", "coturn's turnserver", "coturn");
    }

    /** ffprobe, which reads the recordings the browser tests download. */
    static Path ffprobe() {
        return program("kaiwa.test.ffprobe", "ffprobe", "ffmpeg");
    }

    static int turnPort() {
        return Integer.parseInt(required("kaiwa.test.turn.port"));
    }

    static String turnSecret() {
        return required("kaiwa.test.turn.secret");
    }

    /** Profiles, temporary directories and logs of the browsers and the TURN server, one folder each. */
    static Path workDirectory() {
        return Path.of(required("kaiwa.test.browser.dir"));
    }

    /** An executable the tests need, or a failure that says which Debian package provides it. */
    private static Path program(String property, String name, String debianPackage) {
        Path path = Path.of(required(property));
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new AssertionError(name + " is missing: " + path + " is not an executable file. The browser tests need "
                    + "the Debian package " + debianPackage + " (apt-get install chromium chromium-driver coturn ffmpeg; "
                    + ".ci/run installs them), or -D" + property + "=<path>.");
        }
        return path;
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run the tests through Maven (verify)");
        }
        return value;
    }
}
