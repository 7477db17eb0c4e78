package dev.kaiwa.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Round trips and problems of many socket pairs, recorded from the sockets' listener threads
 * without locks. Figures are taken per window: {@link #interval()} returns what was recorded since
 * its previous call, so a warm-up or an earlier step is left out by calling it when they end.
 */
final class RoundTrips {
    private static final int MAXIMUM_DETAIL_LENGTH = 300;

    /** Microseconds, three significant digits. */
    private final Recorder latencies = new Recorder(3);
    private final LongAdder completed = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, String> examples = new ConcurrentHashMap<>();

    void record(long elapsedNanos) {
        latencies.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(elapsedNanos)));
        completed.increment();
    }

    void error(String outcome, String detail) {
        errors.computeIfAbsent(outcome, key -> new LongAdder()).increment();
        examples.putIfAbsent(outcome, detail.length() > MAXIMUM_DETAIL_LENGTH
                ? detail.substring(0, MAXIMUM_DETAIL_LENGTH) + "…" : detail);
    }

    /** The latencies recorded since the previous call, in microseconds. */
    Histogram interval() {
        return latencies.getIntervalHistogram();
    }

    /** Round trips completed so far. */
    long completed() {
        return completed.sum();
    }

    /** Problems so far by outcome. */
    Map<String, Long> errors() {
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((outcome, count) -> counts.put(outcome, count.sum()));
        return counts;
    }

    /** For each outcome, the detail of its first occurrence. */
    Map<String, String> examples() {
        return new TreeMap<>(examples);
    }

    /** The problems counted after {@code before} was taken. */
    static Map<String, Long> since(Map<String, Long> before, Map<String, Long> now) {
        Map<String, Long> added = new TreeMap<>();
        now.forEach((outcome, count) -> {
            long difference = count - before.getOrDefault(outcome, 0L);
            if (difference > 0) {
                added.put(outcome, difference);
            }
        });
        return added;
    }
}
