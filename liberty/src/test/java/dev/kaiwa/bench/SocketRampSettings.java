package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the socket ramp runs, from system properties (the {@code bench} profile sets them all):
 * <ul>
 * <li>{@code kaiwa.base-url}, {@code kaiwa.test.keys.dir}, {@code kaiwa.server.dir},
 * {@code kaiwa.bench.output-dir}: as for the other benchmarks</li>
 * <li>{@code kaiwa.bench.ramp.steps}: open sockets to reach, ascending (default 500,1000,2000,5000,10000)</li>
 * <li>{@code kaiwa.bench.ramp.open-timeout}: time to open a step's new sockets (default PT60S)</li>
 * <li>{@code kaiwa.bench.ramp.settle}: time between opening a step's sockets and measuring, so the
 * measurement sees sockets held rather than the work of opening them (default PT5S)</li>
 * <li>{@code kaiwa.bench.ramp.measure}: probes measured per step (default PT10S)</li>
 * <li>{@code kaiwa.bench.ramp.budget}: the whole ramp's time; later steps are not run (default PT5M)</li>
 * <li>{@code kaiwa.bench.ramp.p99-limit-ms}: the p99 a step must stay under to be held (default 20)</li>
 * <li>{@code kaiwa.bench.ramp.probes-per-second}: relay probes a second over all pairs (default 100)</li>
 * <li>{@code kaiwa.bench.ramp.open-concurrency}: pairs being connected at a time (default 32)</li>
 * <li>{@code kaiwa.bench.server-settings}, {@code kaiwa.bench.database}: descriptions for the report</li>
 * <li>{@code kaiwa.bench.fail-on-errors}: whether a failed step fails the build (default false)</li>
 * </ul>
 */
record SocketRampSettings(
        URI baseUrl,
        Path keysDirectory,
        Optional<Path> serverDirectory,
        Path outputDirectory,
        List<Integer> steps,
        Duration openTimeout,
        Duration settle,
        Duration measure,
        Duration budget,
        double p99LimitMilliseconds,
        int probesPerSecond,
        int openConcurrency,
        String serverSettings,
        String database,
        boolean failOnErrors) {
    SocketRampSettings {
        requireNonNull(baseUrl, "baseUrl is null");
        steps = List.copyOf(steps);
        for (int step = 1; step < steps.size(); step++) {
            if (steps.get(step) <= steps.get(step - 1)) {
                throw new IllegalArgumentException("ramp steps must ascend: " + steps);
            }
        }
        if (steps.get(0) < 2 || probesPerSecond < 1 || openConcurrency < 1 || p99LimitMilliseconds <= 0) {
            throw new IllegalArgumentException("steps from 2 sockets, probes, concurrency and the p99 limit must be positive");
        }
    }

    static SocketRampSettings fromSystemProperties() {
        return new SocketRampSettings(
                BenchProperties.baseUrl(),
                BenchProperties.keysDirectory(),
                BenchProperties.serverDirectory(),
                BenchProperties.outputDirectory(),
                BenchProperties.positiveIntegers("kaiwa.bench.ramp.steps", "500,1000,2000,5000,10000"),
                BenchProperties.duration("kaiwa.bench.ramp.open-timeout", Duration.ofSeconds(60)),
                BenchProperties.duration("kaiwa.bench.ramp.settle", Duration.ofSeconds(5)),
                BenchProperties.duration("kaiwa.bench.ramp.measure", Duration.ofSeconds(10)),
                BenchProperties.duration("kaiwa.bench.ramp.budget", Duration.ofMinutes(5)),
                Double.parseDouble(BenchProperties.text("kaiwa.bench.ramp.p99-limit-ms", "20")),
                BenchProperties.integer("kaiwa.bench.ramp.probes-per-second", 100),
                BenchProperties.integer("kaiwa.bench.ramp.open-concurrency", 32),
                BenchProperties.text("kaiwa.bench.server-settings", "not stated"),
                BenchProperties.text("kaiwa.bench.database", "not stated"),
                Boolean.getBoolean("kaiwa.bench.fail-on-errors"));
    }
}
