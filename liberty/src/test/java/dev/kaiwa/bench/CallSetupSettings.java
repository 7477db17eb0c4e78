package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the call-setup benchmark runs, from system properties (the {@code bench} profile of
 * {@code liberty/pom.xml} sets them all):
 * <ul>
 * <li>{@code kaiwa.base-url}, {@code kaiwa.server.dir}, {@code kaiwa.bench.output-dir}: as for the other
 * benchmarks; the browsers, the SSO test keys and the browsers' folder are the browser tests' own
 * ({@code kaiwa.test.chromium}, {@code kaiwa.test.chromedriver}, {@code kaiwa.test.keys.dir},
 * {@code kaiwa.test.browser.dir})</li>
 * <li>{@code kaiwa.bench.setup.calls}: measured calls per target (default 20)</li>
 * <li>{@code kaiwa.bench.setup.warm-up}: calls per target before measuring, not counted (default 2)</li>
 * <li>{@code kaiwa.bench.setup.timeout}: how long a call may take to show both sides a remote video
 * frame before it counts as failed (default PT30S)</li>
 * <li>{@code kaiwa.bench.setup.targets}: which of kaiwa, relay carry the signaling (default both)</li>
 * <li>{@code kaiwa.bench.relay.path}: where the bare relay takes clients (default /bench-relay/relay/)</li>
 * <li>{@code kaiwa.bench.server-settings}, {@code kaiwa.bench.database}: descriptions for the report</li>
 * <li>{@code kaiwa.bench.fail-on-errors}: whether failed calls fail the build (default false)</li>
 * </ul>
 */
record CallSetupSettings(
        URI baseUrl,
        Optional<Path> serverDirectory,
        Path outputDirectory,
        int calls,
        int warmUp,
        Duration timeout,
        List<CallSetupTarget> targets,
        String relayPath,
        String serverSettings,
        String database,
        boolean failOnErrors) {
    CallSetupSettings {
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(serverDirectory, "serverDirectory is null");
        requireNonNull(outputDirectory, "outputDirectory is null");
        targets = List.copyOf(targets);
        if (calls < 1 || warmUp < 0) {
            throw new IllegalArgumentException("calls must be positive and the warm-up not negative");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive: " + timeout);
        }
        if (targets.isEmpty() || targets.size() != targets.stream().distinct().count()) {
            throw new IllegalArgumentException("targets must name each of kaiwa, relay at most once: " + targets);
        }
        requireNonNull(relayPath, "relayPath is null");
        requireNonNull(serverSettings, "serverSettings is null");
        requireNonNull(database, "database is null");
    }

    static CallSetupSettings fromSystemProperties() {
        return new CallSetupSettings(
                BenchProperties.baseUrl(),
                BenchProperties.serverDirectory(),
                BenchProperties.outputDirectory(),
                BenchProperties.integer("kaiwa.bench.setup.calls", 20),
                BenchProperties.integer("kaiwa.bench.setup.warm-up", 2),
                BenchProperties.duration("kaiwa.bench.setup.timeout", Duration.ofSeconds(30)),
                BenchProperties.list("kaiwa.bench.setup.targets", "kaiwa,relay").stream().map(CallSetupTarget::of).toList(),
                BenchProperties.text("kaiwa.bench.relay.path", "/bench-relay/relay/"),
                BenchProperties.text("kaiwa.bench.server-settings", "not stated"),
                BenchProperties.text("kaiwa.bench.database", "not stated"),
                Boolean.getBoolean("kaiwa.bench.fail-on-errors"));
    }

    /** The bare relay's WebSocket endpoint, to which a peer id is appended. */
    URI relayEndpoint() {
        URI http = baseUrl.resolve(relayPath);
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }
}
