package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A finished call-setup run: where it ran, with which browser, and the calls of each target in the
 * order of the settings.
 */
record CallSetupRun(RunEnvironment environment, CallSetupSettings settings, String browser, List<CallSetupResult> results) {
    CallSetupRun {
        requireNonNull(environment, "environment is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(browser, "browser is null");
        results = List.copyOf(results);
    }

    Optional<CallSetupResult> result(CallSetupTarget target) {
        return results.stream().filter(result -> result.target() == target).findFirst();
    }

    long failed() {
        return results.stream().mapToLong(CallSetupResult::failed).sum();
    }
}
