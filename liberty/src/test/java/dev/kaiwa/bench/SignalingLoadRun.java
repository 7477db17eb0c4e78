package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A finished signaling load run: where it ran, how each target's clients got on and off it (in
 * the order of the settings), the targets that could not run (with why), and the figures of each
 * target at each level.
 */
record SignalingLoadRun(
        RunEnvironment environment,
        SignalingLoadSettings settings,
        List<TargetSession> sessions,
        Map<String, String> unavailable,
        List<LoadResult> results) {
    SignalingLoadRun {
        requireNonNull(environment, "environment is null");
        requireNonNull(settings, "settings is null");
        sessions = List.copyOf(sessions);
        unavailable = Collections.unmodifiableMap(new LinkedHashMap<>(unavailable));
        results = List.copyOf(results);
    }

    Optional<LoadResult> result(String target, int pairs) {
        return results.stream().filter(result -> result.target().equals(target) && result.pairs() == pairs).findFirst();
    }

    long errors() {
        return results.stream().mapToLong(LoadResult::errorCount).sum()
                + sessions.stream().mapToLong(session -> session.problems().values().stream().mapToLong(Long::longValue).sum())
                        .sum();
    }
}
