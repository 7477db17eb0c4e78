package dev.kaiwa.bench;

import java.time.Duration;
import java.util.Map;

/**
 * One target at one level of the signaling load benchmark, over all its rounds.
 *
 * @param target the target's key: kaiwa, peerjs, relay
 * @param pairs pairs asked for
 * @param active pairs that ran (fewer if not all connected)
 * @param measured wall-clock time of the measured windows, added up
 * @param roundTrips round trips completed in the measured windows; each relays two messages
 * @param p50Milliseconds round trip, from sending to the answer's arrival ({@code NaN} if none)
 * @param errors problems during the level, by outcome
 * @param examples for each outcome, the detail of its first occurrence
 * @param cpu CPU used during the measured windows
 */
record LoadResult(
        String target,
        int pairs,
        int active,
        Duration measured,
        long roundTrips,
        double p50Milliseconds,
        double p99Milliseconds,
        double maxMilliseconds,
        Map<String, Long> errors,
        Map<String, String> examples,
        CpuUse cpu) {
    LoadResult {
        errors = Map.copyOf(errors);
        examples = Map.copyOf(examples);
    }

    double roundTripsPerSecond() {
        double seconds = measured.toNanos() / 1e9;
        return seconds > 0 ? roundTrips / seconds : Double.NaN;
    }

    /** Messages relayed per second: each round trip is a message each way. */
    double messagesPerSecond() {
        return 2 * roundTripsPerSecond();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
