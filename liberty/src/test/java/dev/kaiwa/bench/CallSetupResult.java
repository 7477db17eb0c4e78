package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The measured calls of one target of the call-setup benchmark, and those that failed.
 *
 * @param failures failed calls by outcome
 * @param examples for each outcome, the detail of its first occurrence
 */
record CallSetupResult(CallSetupTarget target, List<CallSetup> calls, Map<String, Long> failures,
        Map<String, String> examples) {
    CallSetupResult {
        requireNonNull(target, "target is null");
        calls = List.copyOf(calls);
        failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        examples = Collections.unmodifiableMap(new LinkedHashMap<>(examples));
    }

    long failed() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The host's time to the guest's first frame. */
    Spread host() {
        return spread(CallSetup::host);
    }

    /** The guest's time to the host's first frame. */
    Spread guest() {
        return spread(CallSetup::guest);
    }

    /** The later of the two sides, per call. */
    Spread call() {
        return spread(CallSetup::call);
    }

    Spread hostWelcome() {
        return spread(CallSetup::hostWelcome);
    }

    Spread guestWelcome() {
        return spread(CallSetup::guestWelcome);
    }

    /** How much later the guest clicked Join than the host. */
    Spread clickGap() {
        return spread(CallSetup::clickGap);
    }

    /** The counts of ICE servers the host was given, over the measured calls. */
    SortedSet<Integer> iceServers() {
        return calls.stream().map(CallSetup::iceServers).collect(Collectors.toCollection(TreeSet::new));
    }

    private Spread spread(ToDoubleFunction<CallSetup> time) {
        double[] sorted = calls.stream().mapToDouble(time).sorted().toArray();
        return new Spread(nearestRank(sorted, 50), nearestRank(sorted, 95),
                sorted.length > 0 ? sorted[sorted.length - 1] : Double.NaN);
    }

    /** The smallest value that at least {@code percentile} % of the values do not exceed; exact for a few dozen calls. */
    private static double nearestRank(double[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    /** Percentiles (nearest rank) and the maximum of one time over the measured calls, in ms; {@code NaN} without calls. */
    record Spread(double p50, double p95, double max) {
    }
}
