package dev.kaiwa.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads the system properties the bench profile passes to a benchmark; a missing required one is a fault of the build. */
final class BenchProperties {
    private BenchProperties() {
    }

    static URI baseUrl() {
        return URI.create(required("kaiwa.base-url"));
    }

    static Path keysDirectory() {
        return Path.of(required("kaiwa.test.keys.dir"));
    }

    static Optional<Path> serverDirectory() {
        return Optional.ofNullable(System.getProperty("kaiwa.server.dir")).filter(value -> !value.isBlank()).map(Path::of);
    }

    static Path outputDirectory() {
        return Path.of(System.getProperty("kaiwa.bench.output-dir", "target/bench"));
    }

    static String text(String name, String defaultValue) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }

    static int integer(String name, int defaultValue) {
        return Integer.parseInt(text(name, String.valueOf(defaultValue)));
    }

    static Duration duration(String name, Duration defaultValue) {
        return Duration.parse(text(name, defaultValue.toString()));
    }

    /** A comma-separated list of positive integers. */
    static List<Integer> positiveIntegers(String name, String defaultValue) {
        List<Integer> values = list(name, defaultValue).stream().map(Integer::valueOf).toList();
        if (values.isEmpty() || values.stream().anyMatch(value -> value < 1)) {
            throw new IllegalArgumentException(name + " must list positive integers: " + values);
        }
        return values;
    }

    static List<String> list(String name, String defaultValue) {
        return Arrays.stream(text(name, defaultValue).split(",")).map(String::strip).filter(value -> !value.isEmpty())
                .toList();
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set");
        }
        return value;
    }
}
