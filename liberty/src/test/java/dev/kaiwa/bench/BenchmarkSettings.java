package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What to run and against what, from system properties (the {@code bench} profile of
 * {@code liberty/pom.xml} sets them all):
 * <ul>
 * <li>{@code kaiwa.base-url}: the server, e.g. {@code http://localhost:9080}</li>
 * <li>{@code kaiwa.test.keys.dir}: where the SSO test key pair is</li>
 * <li>{@code kaiwa.server.dir}: the Liberty server directory, to report its product and JVM (optional)</li>
 * <li>{@code kaiwa.bench.output-dir}: where the JSON and Markdown reports go</li>
 * <li>{@code kaiwa.bench.concurrency}: the levels, comma-separated (default 1,16,64)</li>
 * <li>{@code kaiwa.bench.iterations}: measured lifecycles per level (default 200)</li>
 * <li>{@code kaiwa.bench.warm-up}: lifecycles per level before measuring, not counted (default 100)</li>
 * <li>{@code kaiwa.bench.server-warm-up}: lifecycles at concurrency 4 before the first level, to
 * compile the server's hot paths (default 400)</li>
 * <li>{@code kaiwa.bench.database}, {@code kaiwa.bench.server-settings}: descriptions for the report</li>
 * <li>{@code kaiwa.bench.fail-on-errors}: whether error answers fail the build (default false)</li>
 * </ul>
 */
record BenchmarkSettings(
        URI baseUrl,
        Path keysDirectory,
        Optional<Path> serverDirectory,
        Path outputDirectory,
        List<Integer> concurrencyLevels,
        int iterations,
        int warmUp,
        int serverWarmUp,
        String database,
        String serverSettings,
        boolean failOnErrors) {
    static final String ORGANIZATION = "kaiwa-bench";
    static final int SERVER_WARM_UP_CONCURRENCY = 4;

    BenchmarkSettings {
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(keysDirectory, "keysDirectory is null");
        requireNonNull(serverDirectory, "serverDirectory is null");
        requireNonNull(outputDirectory, "outputDirectory is null");
        concurrencyLevels = List.copyOf(concurrencyLevels);
        if (concurrencyLevels.isEmpty() || concurrencyLevels.stream().anyMatch(level -> level < 1)) {
            throw new IllegalArgumentException("concurrency levels must be positive: " + concurrencyLevels);
        }
        if (iterations < 1 || warmUp < 0 || serverWarmUp < 0) {
            throw new IllegalArgumentException("iterations must be positive and warm-ups not negative");
        }
        requireNonNull(database, "database is null");
        requireNonNull(serverSettings, "serverSettings is null");
    }

    static BenchmarkSettings fromSystemProperties() {
        return new BenchmarkSettings(
                URI.create(required("kaiwa.base-url")),
                Path.of(required("kaiwa.test.keys.dir")),
                Optional.ofNullable(System.getProperty("kaiwa.server.dir")).filter(value -> !value.isBlank()).map(Path::of),
                Path.of(System.getProperty("kaiwa.bench.output-dir", "target/bench")),
                Arrays.stream(System.getProperty("kaiwa.bench.concurrency", "1,16,64").split(","))
                        .map(String::strip)
                        .map(Integer::valueOf)
                        .toList(),
                Integer.getInteger("kaiwa.bench.iterations", 200),
                Integer.getInteger("kaiwa.bench.warm-up", 100),
                Integer.getInteger("kaiwa.bench.server-warm-up", 400),
                System.getProperty("kaiwa.bench.database", "not stated"),
                System.getProperty("kaiwa.bench.server-settings", "not stated"),
                Boolean.getBoolean("kaiwa.bench.fail-on-errors"));
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set");
        }
        return value;
    }
}
