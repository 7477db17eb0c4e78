package dev.kaiwa.bench;

import java.util.Map;

/**
 * What was measured of one operation at one concurrency level. Latencies are of successful
 * attempts only (an error answer is often much faster than the work it refused); {@code NaN} when
 * none succeeded. Throughput counts successful operations per second of the measured phase.
 *
 * @param count attempts
 * @param errors attempts answered with a non-2xx status or not answered at all
 * @param throughput successful operations per second
 * @param errorsByOutcome errors by status and problem code, or by transport failure
 * @param exampleByOutcome for each outcome, the detail of its first occurrence
 */
record Figures(
        long count,
        long errors,
        double throughput,
        double p50Milliseconds,
        double p99Milliseconds,
        double maxMilliseconds,
        Map<String, Long> errorsByOutcome,
        Map<String, String> exampleByOutcome) {
}
