package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A finished signaling load run: where it ran, the targets that ran (by key, with their
 * descriptions, in the order of the settings), those that could not (with why), and the figures of
 * each target at each level, in the order they ran.
 */
record SignalingLoadRun(
        RunEnvironment environment,
        SignalingLoadSettings settings,
        Map<String, String> targets,
        Map<String, String> unavailable,
        List<LoadResult> results) {
    SignalingLoadRun {
        requireNonNull(environment, "environment is null");
        requireNonNull(settings, "settings is null");
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        unavailable = Collections.unmodifiableMap(new LinkedHashMap<>(unavailable));
        results = List.copyOf(results);
    }

    Optional<LoadResult> result(String target, int pairs) {
        return results.stream().filter(result -> result.target().equals(target) && result.pairs() == pairs).findFirst();
    }

    long errors() {
        return results.stream().mapToLong(LoadResult::errorCount).sum();
    }
}
