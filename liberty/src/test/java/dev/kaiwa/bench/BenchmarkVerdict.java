package dev.kaiwa.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fails the build if a benchmark left a {@code .failed} file in the output directory (the only
 * argument). Runs after the server has stopped, as failsafe's {@code verify} does for tests; slow
 * figures never fail a build, only a run that could not produce them (or errors, when asked to).
 */
public final class BenchmarkVerdict {
    static final String FAILURE_SUFFIX = ".failed";

    private BenchmarkVerdict() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: BenchmarkVerdict <benchmark output directory>");
        }
        Path directory = Path.of(args[0]);
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("no benchmark output in " + directory);
        }
        List<Path> failures;
        try (Stream<Path> files = Files.list(directory)) {
            failures = files.filter(file -> file.getFileName().toString().endsWith(FAILURE_SUFFIX)).sorted().toList();
        }
        if (!failures.isEmpty()) {
            StringBuilder message = new StringBuilder("Benchmark failed:");
            for (Path failure : failures) {
                message.append("\n  ").append(failure.getFileName()).append(": ")
                        .append(Files.readString(failure, UTF_8).strip());
            }
            throw new IllegalStateException(message.toString());
        }
    }
}
