package dev.kaiwa.bench;

import java.time.Duration;
import java.util.Map;

/**
 * One target at one level of the signaling load benchmark.
 *
 * @param target the target's key: kaiwa, peerjs, relay
 * @param pairs pairs asked for
 * @param connected pairs that connected and ran
 * @param setup time to connect them
 * @param measured wall-clock time of the measured window
 * @param roundTrips round trips completed in the measured window; each relays two messages
 * @param p50Milliseconds round trip, from sending to the answer's arrival ({@code NaN} if none)
 * @param errors problems of the whole level (setup, relay, teardown) by outcome
 * @param examples for each outcome, the detail of its first occurrence
 * @param droppedAtHangUp sockets that did not close within the time to hang up
 * @param cpu CPU used during the measured window
 */
record LoadResult(
        String target,
        int pairs,
        int connected,
        Duration setup,
        Duration measured,
        long roundTrips,
        double p50Milliseconds,
        double p99Milliseconds,
        double maxMilliseconds,
        Map<String, Long> errors,
        Map<String, String> examples,
        int droppedAtHangUp,
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
