package dev.kaiwa.bench;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One step of the socket ramp.
 *
 * @param sockets sockets the step was to reach
 * @param open sockets open and joined at the end of the step
 * @param newPairs calls opened by this step (two sockets each)
 * @param openTime time spent opening the step's new sockets
 * @param probes round trips measured
 * @param problems setup failures, lost sockets and unanswered probes of this step, by outcome
 * @param examples for each outcome, the detail of its first occurrence
 * @param serverResidentKilobytes the server's resident memory after the step
 * @param serverDescriptors the server's open file descriptors after the step
 * @param serverThreads the server's threads after the step
 * @param cpu CPU used while the probes were measured
 * @param serverGcMilliseconds time the server spent collecting garbage while the probes were
 *        measured ({@code NaN} if unknown)
 * @param clientGcMilliseconds the same for the client JVM
 */
record RampStep(
        int sockets,
        int open,
        int newPairs,
        Duration openTime,
        long probes,
        double p50Milliseconds,
        double p99Milliseconds,
        double maxMilliseconds,
        Map<String, Long> problems,
        Map<String, String> examples,
        OptionalLong serverResidentKilobytes,
        OptionalLong serverDescriptors,
        OptionalLong serverThreads,
        CpuUse cpu,
        double serverGcMilliseconds,
        double clientGcMilliseconds,
        Result result) {
    RampStep {
        problems = Map.copyOf(problems);
        examples = Map.copyOf(examples);
    }

    /** Calls joined a second while the step opened its sockets: the pace of the join flow. */
    double pairsPerSecond() {
        double seconds = openTime.toNanos() / 1e9;
        return seconds > 0 ? newPairs / seconds : Double.NaN;
    }

    boolean stopsTheRamp() {
        return result == Result.NOT_OPENED || result == Result.FAILED;
    }

    long problemCount() {
        return problems.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What a step came to. */
    enum Result {
        /** Every socket open and joined, no problem, p99 under the limit. */
        HELD("held"),
        /** Every socket open and joined, no problem, but the p99 at or over the limit. */
        SLOW("p99 over the limit"),
        /**
         * Not every socket could be opened and joined within the time to open, and nothing failed
         * otherwise: the join flow (REST and socket joins) was too slow. The ramp stops here.
         */
        NOT_OPENED("not opened in time"),
        /** Something failed: a socket that could not join, a lost socket, an unanswered probe. The ramp stops here. */
        FAILED("failed");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }
}
