package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the signaling load benchmark runs, from system properties (the {@code bench} profile of
 * {@code liberty/pom.xml} sets them all):
 * <ul>
 * <li>{@code kaiwa.base-url}, {@code kaiwa.test.keys.dir}, {@code kaiwa.server.dir},
 * {@code kaiwa.bench.output-dir}: as for the call lifecycle benchmark</li>
 * <li>{@code kaiwa.bench.signaling.pairs}: pairs of clients per level, comma-separated (default 50,200)</li>
 * <li>{@code kaiwa.bench.signaling.in-flight}: messages each pair keeps in flight (default 4)</li>
 * <li>{@code kaiwa.bench.signaling.warm-up}: traffic per target before the first level, not measured
 * (default PT5S)</li>
 * <li>{@code kaiwa.bench.signaling.duration}: measured time per target and level (default PT20S), split
 * into {@code kaiwa.bench.signaling.rounds} (default 4) that take turns between the targets</li>
 * <li>{@code kaiwa.bench.signaling.settle}: traffic at the start of each round, not measured (default PT1S)</li>
 * <li>{@code kaiwa.bench.signaling.targets}: which of kaiwa, peerjs, relay to run (default all three)</li>
 * <li>{@code kaiwa.bench.relay.path}: where the bare relay takes clients (default /bench-relay/relay/)</li>
 * <li>{@code kaiwa.bench.peerjs.version}, {@code kaiwa.bench.peerjs.dir}: the npm package {@code peer}
 * to install and where (default 1.0.2, target/bench-peerjs)</li>
 * <li>{@code kaiwa.bench.server-settings}, {@code kaiwa.bench.database}: descriptions for the report</li>
 * <li>{@code kaiwa.bench.fail-on-errors}: whether problems fail the build (default false)</li>
 * </ul>
 */
record SignalingLoadSettings(
        URI baseUrl,
        Path keysDirectory,
        Optional<Path> serverDirectory,
        Path outputDirectory,
        List<Integer> pairLevels,
        int inFlight,
        Duration warmUp,
        Duration duration,
        int rounds,
        Duration settle,
        List<String> targets,
        String relayPath,
        String peerJsVersion,
        Path peerJsDirectory,
        String serverSettings,
        String database,
        boolean failOnErrors) {
    static final Set<String> TARGETS = Set.of("kaiwa", "peerjs", "relay");

    SignalingLoadSettings {
        requireNonNull(baseUrl, "baseUrl is null");
        pairLevels = List.copyOf(pairLevels);
        targets = List.copyOf(targets);
        if (inFlight < 1 || inFlight > RelayLoop.MAXIMUM_IN_FLIGHT) {
            throw new IllegalArgumentException("in-flight must be 1 to " + RelayLoop.MAXIMUM_IN_FLIGHT + ": " + inFlight);
        }
        if (warmUp.isNegative() || settle.isNegative() || duration.isNegative() || duration.isZero() || rounds < 1) {
            throw new IllegalArgumentException("the duration and rounds must be positive, the warm-up and settle not negative");
        }
        if (targets.isEmpty() || !TARGETS.containsAll(targets)) {
            throw new IllegalArgumentException("targets must be some of " + TARGETS + ": " + targets);
        }
    }

    static SignalingLoadSettings fromSystemProperties() {
        return new SignalingLoadSettings(
                BenchProperties.baseUrl(),
                BenchProperties.keysDirectory(),
                BenchProperties.serverDirectory(),
                BenchProperties.outputDirectory(),
                BenchProperties.positiveIntegers("kaiwa.bench.signaling.pairs", "50,200"),
                BenchProperties.integer("kaiwa.bench.signaling.in-flight", 4),
                BenchProperties.duration("kaiwa.bench.signaling.warm-up", Duration.ofSeconds(5)),
                BenchProperties.duration("kaiwa.bench.signaling.duration", Duration.ofSeconds(20)),
                BenchProperties.integer("kaiwa.bench.signaling.rounds", 4),
                BenchProperties.duration("kaiwa.bench.signaling.settle", Duration.ofSeconds(1)),
                BenchProperties.list("kaiwa.bench.signaling.targets", "kaiwa,peerjs,relay"),
                BenchProperties.text("kaiwa.bench.relay.path", "/bench-relay/relay/"),
                BenchProperties.text("kaiwa.bench.peerjs.version", "1.0.2"),
                Path.of(BenchProperties.text("kaiwa.bench.peerjs.dir", "target/bench-peerjs")),
                BenchProperties.text("kaiwa.bench.server-settings", "not stated"),
                BenchProperties.text("kaiwa.bench.database", "not stated"),
                Boolean.getBoolean("kaiwa.bench.fail-on-errors"));
    }

    /** The measured time of one round. */
    Duration round() {
        return duration.dividedBy(rounds);
    }

    /** The bare relay's WebSocket endpoint, to which a peer id is appended. */
    URI relayEndpoint() {
        URI http = baseUrl.resolve(relayPath);
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }
}
