package dev.kaiwa.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What Linux's {@code /proc} says about the processes of a run: the Liberty server's pid (from the
 * pid file its start script writes), open file limits, resident memory, threads, open descriptors
 * and CPU time, and the whole machine's busy time. Every reading is optional: a figure that cannot
 * be read is reported as unknown, never guessed.
 */
final class ProcessProbe {
    private static final Path PROC = Path.of("/proc");
    private static final long CLOCK_TICKS_PER_SECOND = clockTicksPerSecond();

    private ProcessProbe() {
    }

    /** The pid of a server started with {@code server start}: {@code usr/servers/.pid/<name>.pid}. */
    static OptionalLong libertyPid(Optional<Path> serverDirectory) {
        if (serverDirectory.isEmpty()) {
            return OptionalLong.empty();
        }
        Path server = serverDirectory.get();
        Path pidFile = server.getParent().resolve(".pid").resolve(server.getFileName() + ".pid");
        return read(pidFile).stream().findFirst().map(String::strip).filter(text -> text.matches("\\d+"))
                .map(text -> OptionalLong.of(Long.parseLong(text))).orElse(OptionalLong.empty());
    }

    static long currentPid() {
        return ProcessHandle.current().pid();
    }

    /** The pid of the process that started this one (for the client: the shell that ran Maven). */
    static OptionalLong parentPid() {
        return ProcessHandle.current().parent().map(parent -> OptionalLong.of(parent.pid())).orElse(OptionalLong.empty());
    }

    /** The soft and hard limit of open files, e.g. {@code 20000/20000}. */
    static Optional<String> openFileLimit(long pid) {
        return read(PROC.resolve(String.valueOf(pid)).resolve("limits")).stream()
                .filter(line -> line.startsWith("Max open files"))
                .map(line -> line.substring("Max open files".length()).strip().split("\\s+"))
                .filter(fields -> fields.length >= 2)
                .map(fields -> fields[0] + "/" + fields[1])
                .findFirst();
    }

    static OptionalLong residentKilobytes(long pid) {
        return statusValue(pid, "VmRSS:");
    }

    static OptionalLong threads(long pid) {
        return statusValue(pid, "Threads:");
    }

    static OptionalLong openDescriptors(long pid) {
        try (Stream<Path> descriptors = Files.list(PROC.resolve(String.valueOf(pid)).resolve("fd"))) {
            return OptionalLong.of(descriptors.count());
        }
        catch (IOException | UncheckedIOException e) {
            return OptionalLong.empty();
        }
    }

    /** User and system CPU time of a process in nanoseconds. */
    static OptionalLong cpuNanos(long pid) {
        List<String> stat = read(PROC.resolve(String.valueOf(pid)).resolve("stat"));
        if (stat.isEmpty()) {
            return OptionalLong.empty();
        }
        String line = stat.get(0);
        // Fields after the command name, which is in parentheses and may hold spaces: state is the first.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        if (fields.length < 13) {
            return OptionalLong.empty();
        }
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return OptionalLong.of(TimeUnit.SECONDS.toNanos(ticks) / CLOCK_TICKS_PER_SECOND);
    }

    /** CPU time of this JVM, the benchmark client, in nanoseconds. */
    static long clientCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean bean) {
            return bean.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * Time another JVM has spent in garbage collection since it started, in seconds, as the JDK's
     * jstat reads it from the JVM's performance counters (no attach needed).
     */
    static OptionalDouble gcSeconds(long pid) {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        if (!Files.isExecutable(jstat)) {
            return OptionalDouble.empty();
        }
        try {
            Process process = new ProcessBuilder(jstat.toString(), "-gcutil", String.valueOf(pid)).redirectErrorStream(true)
                    .start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return OptionalDouble.empty();
            }
            List<String> lines = new String(process.getInputStream().readAllBytes(), UTF_8).lines()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (process.exitValue() != 0 || lines.size() < 2) {
                return OptionalDouble.empty();
            }
            List<String> names = List.of(lines.get(0).split("\\s+"));
            String[] values = lines.get(1).split("\\s+");
            int column = names.indexOf("GCT");
            return column < 0 || column >= values.length ? OptionalDouble.empty()
                    : OptionalDouble.of(Double.parseDouble(values[column]));
        }
        catch (IOException | NumberFormatException e) {
            return OptionalDouble.empty();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    /** Time this JVM has spent in garbage collection since it started, in milliseconds. */
    static long clientGcMilliseconds() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .filter(time -> time > 0)
                .sum();
    }

    /** Busy and total time of all cores since boot, in clock ticks: {@code [busy, total]}. */
    static long[] machineTicks() {
        List<String> stat = read(PROC.resolve("stat"));
        if (stat.isEmpty() || !stat.get(0).startsWith("cpu ")) {
            return new long[] {-1, -1};
        }
        String[] fields = stat.get(0).substring(4).strip().split("\\s+");
        long total = 0;
        for (int field = 0; field < Math.min(8, fields.length); field++) {
            total += Long.parseLong(fields[field]);
        }
        long idle = Long.parseLong(fields[3]) + (fields.length > 4 ? Long.parseLong(fields[4]) : 0);
        return new long[] {total - idle, total};
    }

    private static OptionalLong statusValue(long pid, String name) {
        return read(PROC.resolve(String.valueOf(pid)).resolve("status")).stream()
                .filter(line -> line.startsWith(name))
                .map(line -> line.substring(name.length()).strip().split("\\s+")[0])
                .filter(text -> text.matches("\\d+"))
                .mapToLong(Long::parseLong)
                .findFirst();
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                String text = new String(getconf.getInputStream().readAllBytes(), UTF_8).strip();
                if (text.matches("\\d+")) {
                    return Long.parseLong(text);
                }
            }
        }
        catch (IOException e) {
            // Fall through to the value of every common Linux build.
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, UTF_8);
        }
        catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }
}
