package dev.kaiwa.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a run measured, for the header of its report: the server and its JVM (read from the
 * header Liberty writes to {@code logs/messages.log}), the database, the machine and the client's JVM.
 * The load average before the run tells whether other work shared the machine.
 */
record RunEnvironment(
        Instant startedAt,
        String baseUrl,
        String server,
        String serverJvm,
        String serverSettings,
        String database,
        int cores,
        String processor,
        String loadAverage,
        String operatingSystem,
        String clientJvm) {
    private static final String UNKNOWN = "unknown";

    static RunEnvironment describe(BenchmarkSettings settings) {
        return describe(settings.baseUrl(), settings.serverDirectory(), settings.serverSettings(), settings.database());
    }

    static RunEnvironment describe(URI baseUrl, Optional<Path> serverDirectory, String serverSettings, String database) {
        List<String> serverLog = serverDirectory
                .map(directory -> lines(directory.resolve("logs").resolve("messages.log")))
                .orElse(List.of());
        return new RunEnvironment(
                Instant.now(),
                baseUrl.toString(),
                logValue(serverLog, "product").orElse(UNKNOWN),
                logValue(serverLog, "java.runtime").orElse(UNKNOWN),
                serverSettings,
                database,
                Runtime.getRuntime().availableProcessors(),
                processorModel(),
                lines(Path.of("/proc/loadavg")).stream().findFirst().map(RunEnvironment::firstThree).orElse(UNKNOWN),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vm.vendor") + ")");
    }

    /** A {@code name = value} line of the header Liberty writes at the top of its log. */
    private static Optional<String> logValue(List<String> log, String name) {
        String prefix = name + " = ";
        return log.stream()
                .limit(40)
                .map(String::strip)
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()).strip())
                .findFirst();
    }

    private static String processorModel() {
        return lines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst()
                .orElse(UNKNOWN);
    }

    private static String firstThree(String loadAverage) {
        String[] fields = loadAverage.strip().split("\\s+");
        return fields.length < 3 ? loadAverage.strip() : fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static List<String> lines(Path file) {
        if (!Files.isReadable(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file, UTF_8)) {
            return lines.limit(200).toList();
        }
        catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }
}
