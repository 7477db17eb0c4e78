package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A finished run: where and how it ran, and the figures of every level in the order they ran. */
record BenchmarkRun(RunEnvironment environment, BenchmarkSettings settings, List<LevelResult> levels) {
    BenchmarkRun {
        requireNonNull(environment, "environment is null");
        requireNonNull(settings, "settings is null");
        levels = List.copyOf(levels);
    }

    long errors() {
        return levels.stream().mapToLong(LevelResult::errors).sum();
    }
}
