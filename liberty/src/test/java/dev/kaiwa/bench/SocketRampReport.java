package dev.kaiwa.bench;

import static dev.kaiwa.bench.ReportNumbers.fixed;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.Map;
import java.util.OptionalLong;

/** The socket ramp report, as Markdown (also printed) and as JSON with the same figures. */
final class SocketRampReport {
    /** How the open file limit is set, for the report. */
    static final String RAISING_THE_LIMIT = "Both JVMs raise their soft open-file limit to the hard limit when they "
            + "start (HotSpot's -XX:+MaxFDLimit, on by default on Linux), so the client (the build's JVM) and the "
            + "Liberty server run with the hard limit of the shell that starts ./mvnw, whatever its soft limit. To go "
            + "beyond it, raise the hard limit before starting the build: as root `ulimit -Hn 65536` in that shell, "
            + "or LimitNOFILE= for a systemd service, or nofile in /etc/security/limits.conf.";

    private SocketRampReport() {
    }

    static String markdown(SocketRampRun run) {
        StringBuilder text = new StringBuilder();
        RunEnvironment environment = run.environment();
        SocketRampSettings settings = run.settings();
        text.append("# Signaling socket ramp\n\n");
        text.append("Opens Kaiwa signaling sockets step by step: joined participants in calls of two (one REST create "
                + "and two REST joins with SSO JWTs per call, then two sockets that join with their tickets), idle but "
                + "for a ping every ").append(KeepAlives.INTERVAL.toSeconds()).append(" s each, as Kaiwa's clients send, "
                + "and relay probes: ").append(settings.probesPerSecond()).append(" a second in all, round-robin over "
                + "the calls, each an offer or a candidate from one participant to the other and the reply back. Each "
                + "step has ").append(settings.openTimeout().toSeconds()).append(" s to open its new sockets (")
                .append(settings.openConcurrency()).append(" calls at a time); after ").append(settings.settle().toSeconds())
                .append(" s to settle, its probes are measured for ").append(settings.measure().toSeconds())
                .append(" s. A step is held when all its sockets are open and "
                + "joined, nothing failed and the probes' p99 is under ").append(fixed(settings.p99LimitMilliseconds(), 0))
                .append(" ms. The ramp stops at the first step that fails (a socket that could not join, a lost "
                + "socket, an unanswered probe) or cannot open its sockets in time, and after ")
                .append(settings.budget().toSeconds()).append(" s in all.\n\n");
        text.append("- Started: ").append(environment.startedAt()).append('\n');
        text.append("- Server: ").append(environment.server()).append(" at ").append(environment.baseUrl())
                .append(", JVM ").append(environment.serverJvm()).append("; ").append(environment.serverSettings())
                .append('\n');
        text.append("- Database: ").append(environment.database()).append('\n');
        text.append("- Machine: ").append(environment.cores()).append(" cores (").append(environment.processor())
                .append("), ").append(environment.operatingSystem()).append("; client and server share it; load average ")
                .append(environment.loadAverage()).append(" (1, 5, 15 min) before the ramp\n");
        text.append("- Client: the JDK's java.net.http WebSocket in the build's JVM ").append(environment.clientJvm())
                .append('\n');
        text.append("- Open files (`ulimit -n`, soft/hard): client JVM ").append(run.clientOpenFiles())
                .append(", Liberty JVM ").append(run.serverOpenFiles()).append(", the shell that started the build ")
                .append(run.shellOpenFiles()).append(". ").append(RAISING_THE_LIMIT).append('\n');
        text.append('\n');
        text.append(run.largestHeld()
                .map(step -> "**Largest count held: " + step.sockets() + " sockets** (p99 " + fixed(step.p99Milliseconds(), 2)
                        + " ms, limit " + fixed(settings.p99LimitMilliseconds(), 0) + " ms)")
                .orElse("**No step was held** (p99 under " + fixed(settings.p99LimitMilliseconds(), 0) + " ms, no problem)"));
        text.append(run.stoppedBecause().map(reason -> "; stopped early: " + reason + ".").orElse("."));
        text.append("\n\n");
        text.append("| Sockets | Open | Open time (s) | Calls joined/s | Probes | p50 (ms) | p99 (ms) | Max (ms) | Problems | Server RSS (MB) "
                + "| Server fds | Server threads | Server CPU | Client CPU | Machine CPU | Server GC (ms) | Client GC (ms) "
                + "| Result |\n");
        text.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (RampStep step : run.steps()) {
            text.append("| ").append(step.sockets())
                    .append(" | ").append(step.open())
                    .append(" | ").append(fixed(step.openTime().toNanos() / 1e9, 1))
                    .append(" | ").append(fixed(step.pairsPerSecond(), 1))
                    .append(" | ").append(step.probes())
                    .append(" | ").append(fixed(step.p50Milliseconds(), 2))
                    .append(" | ").append(fixed(step.p99Milliseconds(), 2))
                    .append(" | ").append(fixed(step.maxMilliseconds(), 2))
                    .append(" | ").append(step.problemCount())
                    .append(" | ").append(megabytes(step.serverResidentKilobytes()))
                    .append(" | ").append(count(step.serverDescriptors()))
                    .append(" | ").append(count(step.serverThreads()))
                    .append(" | ").append(fixed(step.cpu().serverCores(), 2))
                    .append(" | ").append(fixed(step.cpu().clientCores(), 2))
                    .append(" | ").append(fixed(step.cpu().machineCores(), 2))
                    .append(" | ").append(fixed(step.serverGcMilliseconds(), 0))
                    .append(" | ").append(fixed(step.clientGcMilliseconds(), 0))
                    .append(" | ").append(step.result().label())
                    .append(" |\n");
        }
        if (run.steps().stream().anyMatch(step -> step.problemCount() > 0)) {
            text.append("\n## Problems\n\n");
            for (RampStep step : run.steps()) {
                step.problems().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(outcome -> text
                        .append("- ").append(step.sockets()).append(" sockets: ").append(outcome.getValue()).append(" × ")
                        .append(outcome.getKey()).append(", e.g. \"").append(step.examples().get(outcome.getKey()))
                        .append("\"\n"));
            }
        }
        return text.toString();
    }

    static String json(SocketRampRun run) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createGenerator(text)) {
            RunEnvironment environment = run.environment();
            SocketRampSettings settings = run.settings();
            json.writeStartObject()
                    .write("benchmark", "socket-ramp")
                    .write("startedAt", environment.startedAt().toString());
            json.writeStartObject("environment")
                    .write("baseUrl", environment.baseUrl())
                    .write("server", environment.server())
                    .write("serverJvm", environment.serverJvm())
                    .write("serverSettings", environment.serverSettings())
                    .write("database", environment.database())
                    .write("cores", environment.cores())
                    .write("processor", environment.processor())
                    .write("loadAverageBeforeRun", environment.loadAverage())
                    .write("operatingSystem", environment.operatingSystem())
                    .write("clientJvm", environment.clientJvm())
                    .writeEnd();
            json.writeStartObject("openFiles")
                    .write("clientJvm", run.clientOpenFiles())
                    .write("serverJvm", run.serverOpenFiles())
                    .write("shell", run.shellOpenFiles())
                    .write("howToRaise", RAISING_THE_LIMIT)
                    .writeEnd();
            json.writeStartObject("settings")
                    .write("openTimeoutSeconds", settings.openTimeout().toSeconds())
                    .write("settleSeconds", settings.settle().toSeconds())
                    .write("measuredSeconds", settings.measure().toSeconds())
                    .write("budgetSeconds", settings.budget().toSeconds())
                    .write("probesPerSecond", settings.probesPerSecond())
                    .write("openConcurrency", settings.openConcurrency())
                    .write("keepAliveSeconds", KeepAlives.INTERVAL.toSeconds());
            ReportNumbers.write(json, "p99LimitMilliseconds", settings.p99LimitMilliseconds(), 3);
            json.writeEnd();
            run.largestHeld().ifPresentOrElse(step -> json.write("largestHeldSockets", step.sockets()),
                    () -> json.writeNull("largestHeldSockets"));
            run.stoppedBecause().ifPresentOrElse(reason -> json.write("stoppedBecause", reason),
                    () -> json.writeNull("stoppedBecause"));
            json.writeStartArray("steps");
            for (RampStep step : run.steps()) {
                json.writeStartObject()
                        .write("sockets", step.sockets())
                        .write("open", step.open());
                json.write("newCalls", step.newPairs());
                ReportNumbers.write(json, "openSeconds", step.openTime().toNanos() / 1e9, 3);
                ReportNumbers.write(json, "callsJoinedPerSecond", step.pairsPerSecond(), 2);
                json.write("probes", step.probes());
                ReportNumbers.write(json, "p50Milliseconds", step.p50Milliseconds(), 3);
                ReportNumbers.write(json, "p99Milliseconds", step.p99Milliseconds(), 3);
                ReportNumbers.write(json, "maxMilliseconds", step.maxMilliseconds(), 3);
                json.write("problems", step.problemCount());
                json.writeStartObject("problemsByOutcome");
                step.problems().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(outcome -> json.write(outcome.getKey(), outcome.getValue()));
                json.writeEnd();
                optional(json, "serverResidentKilobytes", step.serverResidentKilobytes());
                optional(json, "serverOpenDescriptors", step.serverDescriptors());
                optional(json, "serverThreads", step.serverThreads());
                ReportNumbers.write(json, "serverCpuCores", step.cpu().serverCores(), 3);
                ReportNumbers.write(json, "clientCpuCores", step.cpu().clientCores(), 3);
                ReportNumbers.write(json, "machineCpuCores", step.cpu().machineCores(), 3);
                ReportNumbers.write(json, "serverGcMilliseconds", step.serverGcMilliseconds(), 0);
                ReportNumbers.write(json, "clientGcMilliseconds", step.clientGcMilliseconds(), 0);
                json.write("result", step.result().name());
                json.writeEnd();
            }
            json.writeEnd();
            json.writeEnd();
        }
        return text + "\n";
    }

    private static void optional(JsonGenerator json, String name, OptionalLong value) {
        if (value.isPresent()) {
            json.write(name, value.getAsLong());
        }
        else {
            json.writeNull(name);
        }
    }

    private static String megabytes(OptionalLong kilobytes) {
        return kilobytes.isPresent() ? String.valueOf(kilobytes.getAsLong() / 1024) : "–";
    }

    private static String count(OptionalLong value) {
        return value.isPresent() ? String.valueOf(value.getAsLong()) : "–";
    }
}
