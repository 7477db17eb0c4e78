package dev.kaiwa.bench;

import java.util.List;
import java.util.OptionalLong;

/**
 * CPU used during a measured window, in cores (1.0 = one core busy all the time): by the server
 * process, by this client JVM, and by the whole machine, which also counts everything else that
 * ran. {@code NaN} where it could not be read.
 */
record CpuUse(double serverCores, double clientCores, double machineCores) {
    static final CpuUse UNKNOWN = new CpuUse(Double.NaN, Double.NaN, Double.NaN);

    /** CPU counters at one instant. */
    record Sample(long nanoTime, OptionalLong serverCpuNanos, long clientCpuNanos, long[] machineTicks) {
        static Sample take(OptionalLong serverPid) {
            return new Sample(System.nanoTime(),
                    serverPid.isPresent() ? ProcessProbe.cpuNanos(serverPid.getAsLong()) : OptionalLong.empty(),
                    ProcessProbe.clientCpuNanos(), ProcessProbe.machineTicks());
        }
    }

    /** The average over several windows, each weighted by its length; unknown parts stay unknown. */
    static CpuUse average(List<CpuUse> uses, List<Double> seconds) {
        double total = seconds.stream().mapToDouble(Double::doubleValue).sum();
        if (uses.isEmpty() || total <= 0) {
            return UNKNOWN;
        }
        double server = 0;
        double client = 0;
        double machine = 0;
        for (int window = 0; window < uses.size(); window++) {
            double weight = seconds.get(window) / total;
            server += uses.get(window).serverCores() * weight;
            client += uses.get(window).clientCores() * weight;
            machine += uses.get(window).machineCores() * weight;
        }
        return new CpuUse(server, client, machine);
    }

    static CpuUse between(Sample start, Sample end) {
        double wall = end.nanoTime() - start.nanoTime();
        if (wall <= 0) {
            return UNKNOWN;
        }
        double server = start.serverCpuNanos().isPresent() && end.serverCpuNanos().isPresent()
                ? (end.serverCpuNanos().getAsLong() - start.serverCpuNanos().getAsLong()) / wall : Double.NaN;
        double client = start.clientCpuNanos() >= 0 && end.clientCpuNanos() >= 0
                ? (end.clientCpuNanos() - start.clientCpuNanos()) / wall : Double.NaN;
        long total = end.machineTicks()[1] - start.machineTicks()[1];
        double machine = start.machineTicks()[1] >= 0 && total > 0
                ? (double) (end.machineTicks()[0] - start.machineTicks()[0]) / total * Runtime.getRuntime().availableProcessors()
                : Double.NaN;
        return new CpuUse(server, client, machine);
    }
}
