package dev.kaiwa.bench;

import java.time.Duration;
import java.util.Map;

/**
 * The figures of one concurrency level: of the whole lifecycle and of each step.
 *
 * @param warmUp lifecycles run at this level before the measured phase, not counted
 * @param elapsed wall-clock time of the measured phase
 */
record LevelResult(int concurrency, int warmUp, Duration elapsed, Figures lifecycle, Map<Step, Figures> steps) {
    LevelResult {
        steps = Map.copyOf(steps);
    }

    /** Failed requests; each failed lifecycle has exactly one. */
    long errors() {
        return steps.values().stream().mapToLong(Figures::errors).sum();
    }
}
