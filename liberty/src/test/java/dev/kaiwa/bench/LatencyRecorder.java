package dev.kaiwa.bench;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latencies of the successful attempts at one operation and the outcomes of the failed ones.
 * One recorder per worker, so recording needs no locks; the workers' recorders are added up when
 * a level ends.
 */
final class LatencyRecorder {
    /** Latencies are recorded in microseconds; anything slower than this is clamped to it. */
    private static final long HIGHEST_MICROSECONDS = TimeUnit.MINUTES.toMicros(2);

    private final Histogram latencies = new Histogram(HIGHEST_MICROSECONDS, 3);
    private final Map<String, Long> errorsByOutcome = new TreeMap<>();
    private final Map<String, String> exampleByOutcome = new TreeMap<>();
    private long attempts;

    void recordSuccess(long elapsedNanos) {
        attempts++;
        latencies.recordValue(Math.min(HIGHEST_MICROSECONDS, Math.max(1, TimeUnit.NANOSECONDS.toMicros(elapsedNanos))));
    }

    void recordError(String outcome, String detail) {
        attempts++;
        errorsByOutcome.merge(outcome, 1L, Long::sum);
        exampleByOutcome.putIfAbsent(outcome, detail);
    }

    void add(LatencyRecorder other) {
        attempts += other.attempts;
        latencies.add(other.latencies);
        other.errorsByOutcome.forEach((outcome, count) -> errorsByOutcome.merge(outcome, count, Long::sum));
        other.exampleByOutcome.forEach(exampleByOutcome::putIfAbsent);
    }

    /** The figures over a measured phase that lasted {@code elapsed}. */
    Figures figures(Duration elapsed) {
        long successes = latencies.getTotalCount();
        double seconds = elapsed.toNanos() / 1e9;
        return new Figures(
                attempts,
                attempts - successes,
                seconds > 0 ? successes / seconds : Double.NaN,
                millisecondsAt(50.0),
                millisecondsAt(99.0),
                successes > 0 ? latencies.getMaxValue() / 1000.0 : Double.NaN,
                Collections.unmodifiableMap(new TreeMap<>(errorsByOutcome)),
                Collections.unmodifiableMap(new TreeMap<>(exampleByOutcome)));
    }

    private double millisecondsAt(double percentile) {
        return latencies.getTotalCount() > 0 ? latencies.getValueAtPercentile(percentile) / 1000.0 : Double.NaN;
    }
}
