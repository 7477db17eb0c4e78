package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A finished socket ramp: where it ran, the open file limits of the processes, the steps that ran
 * in order, and why the ramp stopped before its last step, if it did.
 *
 * @param clientOpenFiles soft/hard limit of open files of the client JVM
 * @param serverOpenFiles soft/hard limit of the Liberty JVM
 * @param shellOpenFiles soft/hard limit of the process that started the build (its {@code ulimit -n})
 */
record SocketRampRun(
        RunEnvironment environment,
        SocketRampSettings settings,
        String clientOpenFiles,
        String serverOpenFiles,
        String shellOpenFiles,
        List<RampStep> steps,
        Optional<String> stoppedBecause) {
    SocketRampRun {
        requireNonNull(environment, "environment is null");
        requireNonNull(settings, "settings is null");
        steps = List.copyOf(steps);
    }

    /** The largest step held: all sockets open, no problem, p99 under the limit. */
    Optional<RampStep> largestHeld() {
        return steps.stream().filter(step -> step.result() == RampStep.Result.HELD)
                .max(Comparator.comparingInt(RampStep::sockets));
    }

    boolean failed() {
        return steps.stream().anyMatch(RampStep::stopsTheRamp);
    }
}
