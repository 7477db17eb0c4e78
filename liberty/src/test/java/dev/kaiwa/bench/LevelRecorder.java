package dev.kaiwa.bench;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** Recorders of every step and of the whole lifecycle, for one worker or, added up, one level. */
final class LevelRecorder {
    private final Map<Step, LatencyRecorder> steps = new EnumMap<>(Step.class);
    private final LatencyRecorder lifecycles = new LatencyRecorder();

    LevelRecorder() {
        for (Step step : Step.values()) {
            steps.put(step, new LatencyRecorder());
        }
    }

    void recordStep(Step step, Exchange exchange) {
        if (exchange.succeeded()) {
            steps.get(step).recordSuccess(exchange.elapsedNanos());
        }
        else {
            steps.get(step).recordError(exchange.outcome(), exchange.detail());
        }
    }

    /** A step answered 2xx but not with what the next step needs. */
    void recordMalformedAnswer(Step step, String outcome, String detail) {
        steps.get(step).recordError(outcome, detail);
    }

    void recordLifecycle(long elapsedNanos) {
        lifecycles.recordSuccess(elapsedNanos);
    }

    /** The lifecycle stopped at {@code step}; the later steps were not sent. */
    void recordLifecycleFailure(Step step, String outcome, String detail) {
        lifecycles.recordError(step.label() + ": " + outcome, detail);
    }

    void add(LevelRecorder other) {
        lifecycles.add(other.lifecycles);
        other.steps.forEach((step, recorder) -> steps.get(step).add(recorder));
    }

    LevelResult result(int concurrency, int warmUp, Duration elapsed) {
        Map<Step, Figures> stepFigures = new EnumMap<>(Step.class);
        steps.forEach((step, recorder) -> stepFigures.put(step, recorder.figures(elapsed)));
        return new LevelResult(concurrency, warmUp, elapsed, lifecycles.figures(elapsed), stepFigures);
    }
}
