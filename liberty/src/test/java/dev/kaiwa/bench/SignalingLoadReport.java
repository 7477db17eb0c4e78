package dev.kaiwa.bench;

import static dev.kaiwa.bench.ReportNumbers.fixed;
import static dev.kaiwa.bench.ReportNumbers.grouped;
import static dev.kaiwa.bench.ReportNumbers.ratio;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The signaling load report, as Markdown (also printed) and as JSON with the same figures. */
final class SignalingLoadReport {
    /** Measured earlier on this kind of machine (shared/NOTES.md), for comparison. */
    static final String REFERENCE = "PeerJS server 1.0.2 measured earlier on this machine (client and server on the same "
            + "two cores): about 30,000 relayed messages/s with 50–200 pairs; round trip p50 2.6 ms and p99 12.8 ms at 50 pairs";
    private static final Map<String, String> NAMES = Map.of("kaiwa", "Kaiwa", "peerjs", "PeerJS server", "relay", "bare relay");

    private SignalingLoadReport() {
    }

    static String markdown(SignalingLoadRun run) {
        StringBuilder text = new StringBuilder();
        RunEnvironment environment = run.environment();
        SignalingLoadSettings settings = run.settings();
        text.append("# Signaling load benchmark\n\n");
        text.append("Pairs of clients relay signaling messages through each server in a closed loop: in every pair the "
                + "initiator keeps ").append(settings.inFlight()).append(" messages in flight to its peer (every fourth an "
                + "SDP offer of ").append(SignalingPayloads.offerLength()).append(" characters, the others ICE candidates of ")
                .append(SignalingPayloads.candidateLength()).append("), the peer answers each one (an answer or a "
                + "candidate) and the initiator measures the round trip, then sends the next. Each pair is a room of its "
                + "own. Each target's pairs connect once, for the largest level (smaller levels use the first of them; "
                + "the others stay connected and idle). After ").append(settings.warmUp().toSeconds()).append(" s of "
                + "warm-up per target, each level measures ").append(settings.duration().toSeconds()).append(" s per "
                + "target in ").append(settings.rounds()).append(" rounds: the targets take turns, each round starting "
                + "with the next one, and each turn runs ").append(settings.settle().toMillis()).append(" ms before it "
                + "is measured. Relayed messages/s = 2 × round trips/s.\n\n");
        text.append("- Started: ").append(environment.startedAt()).append('\n');
        run.sessions().forEach(session -> text.append("- ").append(name(session.target())).append(": ")
                .append(session.description()).append('\n'));
        run.unavailable().forEach((key, reason) -> text.append("- ").append(name(key)).append(": **could not run**: ")
                .append(reason).append('\n'));
        text.append("- Kaiwa server: ").append(environment.server()).append(", JVM ").append(environment.serverJvm())
                .append("; ").append(environment.serverSettings()).append(". Neither the per-socket signaling rate limit "
                + "nor the mesh limit can throttle this benchmark: each socket may send a million messages a second and "
                + "each room holds two participants.\n");
        text.append("- Database: ").append(environment.database()).append('\n');
        text.append("- Machine: ").append(environment.cores()).append(" cores (").append(environment.processor())
                .append("), ").append(environment.operatingSystem()).append("; clients and servers share it; load average ")
                .append(environment.loadAverage()).append(" (1, 5, 15 min) before the run\n");
        text.append("- Client: the JDK's java.net.http WebSocket, 2 clients with 2 listener threads, in the build's JVM ")
                .append(environment.clientJvm()).append("; keep-alives as each target's clients send them (Kaiwa ping "
                + "and PeerJS HEARTBEAT every ").append(KeepAlives.INTERVAL.toSeconds()).append(" s)\n");
        text.append("- CPU columns: cores used during the measured window by the target's server process (Liberty or "
                + "node), by the client JVM, and by the whole machine (which includes other work on it)\n");
        text.append("- Reference: ").append(REFERENCE).append('\n');
        text.append('\n');
        text.append("| Pairs | Target | Relayed msg/s | Round trips/s | p50 (ms) | p99 (ms) | Max (ms) | Problems "
                + "| Server CPU | Client CPU | Machine CPU |\n");
        text.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LoadResult result : run.results()) {
            text.append("| ").append(result.active() < result.pairs() ? result.active() + " of " + result.pairs()
                    : String.valueOf(result.pairs()))
                    .append(" | ").append(name(result.target()))
                    .append(" | ").append(grouped(result.messagesPerSecond()))
                    .append(" | ").append(grouped(result.roundTripsPerSecond()))
                    .append(" | ").append(fixed(result.p50Milliseconds(), 2))
                    .append(" | ").append(fixed(result.p99Milliseconds(), 2))
                    .append(" | ").append(fixed(result.maxMilliseconds(), 2))
                    .append(" | ").append(result.errorCount())
                    .append(" | ").append(fixed(result.cpu().serverCores(), 2))
                    .append(" | ").append(fixed(result.cpu().clientCores(), 2))
                    .append(" | ").append(fixed(result.cpu().machineCores(), 2))
                    .append(" |\n");
        }
        text.append("\n## Kaiwa compared\n\n");
        text.append("Kaiwa's figure divided by the other's: for messages/s above 1 means Kaiwa relays more; for "
                + "latencies above 1 means Kaiwa is slower.\n\n");
        text.append("| Pairs | Kaiwa/PeerJS msg/s | Kaiwa/PeerJS p50 | Kaiwa/PeerJS p99 | Kaiwa/relay msg/s "
                + "| Kaiwa/relay p50 | Kaiwa/relay p99 |\n");
        text.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int pairs : settings.pairLevels()) {
            text.append("| ").append(pairs);
            for (String other : new String[] {"peerjs", "relay"}) {
                text.append(" | ").append(fixed(compare(run, other, pairs, LoadResult::messagesPerSecond), 2))
                        .append(" | ").append(fixed(compare(run, other, pairs, LoadResult::p50Milliseconds), 2))
                        .append(" | ").append(fixed(compare(run, other, pairs, LoadResult::p99Milliseconds), 2));
            }
            text.append(" |\n");
        }
        text.append("\n## Getting on and off\n\n");
        text.append("| Target | Pairs connected | Connect time (s) | Hang-up time (s) | Sockets dropped at hang-up |\n");
        text.append("|---|---:|---:|---:|---:|\n");
        for (TargetSession session : run.sessions()) {
            text.append("| ").append(name(session.target()))
                    .append(" | ").append(session.connected()).append(" of ").append(session.pairs())
                    .append(" | ").append(fixed(session.connectTime().toNanos() / 1e9, 1))
                    .append(" | ").append(fixed(session.hangUpTime().toNanos() / 1e9, 1))
                    .append(" | ").append(session.dropped())
                    .append(" |\n");
        }
        text.append("\nKaiwa hangs up by the host's end (one transaction per call, then both clients close on ended); "
                + "the others by closing the sockets.\n");
        if (run.errors() > 0) {
            text.append("\n## Problems\n\n");
            for (TargetSession session : run.sessions()) {
                problems(text, name(session.target()) + ", connecting", session.problems(), session.examples());
            }
            for (LoadResult result : run.results()) {
                problems(text, name(result.target()) + ", " + result.pairs() + " pairs", result.errors(), result.examples());
            }
        }
        return text.toString();
    }

    static String json(SignalingLoadRun run) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createGenerator(text)) {
            RunEnvironment environment = run.environment();
            SignalingLoadSettings settings = run.settings();
            json.writeStartObject()
                    .write("benchmark", "signaling-load")
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
            json.writeStartObject("settings")
                    .write("inFlightPerPair", settings.inFlight())
                    .write("warmUpSecondsPerTarget", settings.warmUp().toSeconds())
                    .write("measuredSecondsPerTargetAndLevel", settings.duration().toSeconds())
                    .write("rounds", settings.rounds())
                    .write("settleMillisecondsPerTurn", settings.settle().toMillis())
                    .write("offerSdpCharacters", SignalingPayloads.offerLength())
                    .write("candidateCharacters", SignalingPayloads.candidateLength())
                    .write("keepAliveSeconds", KeepAlives.INTERVAL.toSeconds())
                    .write("peerJsVersion", settings.peerJsVersion())
                    .writeEnd();
            json.writeStartArray("targets");
            for (TargetSession session : run.sessions()) {
                json.writeStartObject()
                        .write("target", session.target())
                        .write("description", session.description())
                        .write("pairs", session.pairs())
                        .write("connected", session.connected());
                ReportNumbers.write(json, "connectSeconds", session.connectTime().toNanos() / 1e9, 3);
                ReportNumbers.write(json, "hangUpSeconds", session.hangUpTime().toNanos() / 1e9, 3);
                json.write("socketsDroppedAtHangUp", session.dropped());
                counts(json, "problemsByOutcome", session.problems());
                json.writeEnd();
            }
            json.writeEnd();
            json.writeStartObject("unavailable");
            run.unavailable().forEach(json::write);
            json.writeEnd();
            json.write("reference", REFERENCE);
            json.writeStartArray("results");
            for (LoadResult result : run.results()) {
                json.writeStartObject()
                        .write("target", result.target())
                        .write("pairs", result.pairs())
                        .write("activePairs", result.active());
                ReportNumbers.write(json, "measuredSeconds", result.measured().toNanos() / 1e9, 3);
                json.write("roundTrips", result.roundTrips());
                ReportNumbers.write(json, "relayedMessagesPerSecond", result.messagesPerSecond(), 1);
                ReportNumbers.write(json, "roundTripsPerSecond", result.roundTripsPerSecond(), 1);
                ReportNumbers.write(json, "p50Milliseconds", result.p50Milliseconds(), 3);
                ReportNumbers.write(json, "p99Milliseconds", result.p99Milliseconds(), 3);
                ReportNumbers.write(json, "maxMilliseconds", result.maxMilliseconds(), 3);
                ReportNumbers.write(json, "serverCpuCores", result.cpu().serverCores(), 3);
                ReportNumbers.write(json, "clientCpuCores", result.cpu().clientCores(), 3);
                ReportNumbers.write(json, "machineCpuCores", result.cpu().machineCores(), 3);
                json.write("problems", result.errorCount());
                counts(json, "problemsByOutcome", result.errors());
                texts(json, "exampleByOutcome", result.examples());
                json.writeEnd();
            }
            json.writeEnd();
            json.writeStartArray("kaiwaCompared");
            for (int pairs : settings.pairLevels()) {
                json.writeStartObject().write("pairs", pairs);
                for (String other : new String[] {"peerjs", "relay"}) {
                    json.writeStartObject(other);
                    ReportNumbers.write(json, "messagesPerSecondRatio", compare(run, other, pairs,
                            LoadResult::messagesPerSecond), 3);
                    ReportNumbers.write(json, "p50Ratio", compare(run, other, pairs, LoadResult::p50Milliseconds), 3);
                    ReportNumbers.write(json, "p99Ratio", compare(run, other, pairs, LoadResult::p99Milliseconds), 3);
                    json.writeEnd();
                }
                json.writeEnd();
            }
            json.writeEnd();
            json.writeEnd();
        }
        return text + "\n";
    }

    /** Kaiwa's figure divided by the other target's at the same level; {@code NaN} if either is missing. */
    private static double compare(SignalingLoadRun run, String other, int pairs, ToDoubleFunction<LoadResult> figure) {
        Optional<LoadResult> kaiwa = run.result("kaiwa", pairs);
        Optional<LoadResult> them = run.result(other, pairs);
        if (kaiwa.isEmpty() || them.isEmpty()) {
            return Double.NaN;
        }
        return ratio(figure.applyAsDouble(kaiwa.get()), figure.applyAsDouble(them.get()));
    }

    private static void problems(StringBuilder text, String where, Map<String, Long> problems, Map<String, String> examples) {
        problems.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(outcome -> text
                .append("- ").append(where).append(": ").append(outcome.getValue()).append(" × ").append(outcome.getKey())
                .append(", e.g. \"").append(examples.get(outcome.getKey())).append("\"\n"));
    }

    private static void counts(JsonGenerator json, String name, Map<String, Long> counts) {
        json.writeStartObject(name);
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(outcome -> json.write(outcome.getKey(), outcome.getValue()));
        json.writeEnd();
    }

    private static void texts(JsonGenerator json, String name, Map<String, String> texts) {
        json.writeStartObject(name);
        texts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(outcome -> json.write(outcome.getKey(), outcome.getValue()));
        json.writeEnd();
    }

    private static String name(String key) {
        return NAMES.getOrDefault(key, key);
    }
}
