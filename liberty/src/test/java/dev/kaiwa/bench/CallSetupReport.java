package dev.kaiwa.bench;

import static dev.kaiwa.bench.ReportNumbers.fixed;
import static dev.kaiwa.bench.ReportNumbers.ratio;

import dev.kaiwa.bench.CallSetupResult.Spread;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The call-setup report, as Markdown (also printed) and as JSON with the same figures. */
final class CallSetupReport {
    private CallSetupReport() {
    }

    static String markdown(CallSetupRun run) {
        StringBuilder text = new StringBuilder();
        RunEnvironment environment = run.environment();
        CallSetupSettings settings = run.settings();
        text.append("# Call setup benchmark\n\n");
        text.append("Two headless Chromiums join one call: the host from a portal link with a ticket, the guest from "
                + "an invite link (its page calls REST /join). Once both pages show the camera preview, both press "
                + "Join at once (one WebDriver each, from two threads). Each side's time runs from its Join click (the "
                + "click event's time stamp) to the first video frame of the other presented in its page "
                + "(requestVideoFrameCallback's presentationTime: received, decoded, handed to the compositor), on "
                + "that page's clock; a call's setup is the later of its two sides. Welcome: from the Join click to "
                + "the call screen (the client connected). Every target uses the same server, pages, links, REST "
                + "steps and kaiwa.js; only what carries the signaling differs. Per target ")
                .append(settings.warmUp()).append(" calls of warm-up, then ").append(settings.calls())
                .append(" measured; the targets take turns call by call. A call fails if a page ends or no frame "
                + "arrives within ").append(settings.timeout().toSeconds()).append(" s; failed calls are not in the "
                + "figures. p50 and p95 by nearest rank over the measured calls (of ").append(settings.calls())
                .append(", ranks ").append(rank(settings.calls(), 50)).append(" and ").append(rank(settings.calls(), 95))
                .append(" from the fastest).\n\n");
        text.append("- Started: ").append(environment.startedAt()).append('\n');
        for (CallSetupResult result : run.results()) {
            text.append("- ").append(result.target().label()).append(": ").append(result.target().description())
                    .append("; ICE servers in the host's welcome: ").append(result.iceServers().isEmpty() ? "–"
                            : result.iceServers().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        text.append("- Join clicks: the guest's came after the host's by ");
        for (CallSetupResult result : run.results()) {
            text.append(fixed(result.clickGap().p50(), 1)).append(" ms at p50 (max ")
                    .append(fixed(result.clickGap().max(), 1)).append(") with ").append(result.target().label())
                    .append(result == run.results().get(run.results().size() - 1) ? "" : ", ");
        }
        text.append("; the machine's clock, negative if the guest clicked first\n");
        text.append("- Browsers: ").append(run.browser()).append(", with the browser tests' flags (fake camera and "
                + "microphone, loopback candidates); both browsers run through the whole benchmark, each page loaded "
                + "afresh for every call\n");
        text.append("- Kaiwa server: ").append(environment.server()).append(", JVM ").append(environment.serverJvm())
                .append("; ").append(environment.serverSettings()).append('\n');
        text.append("- Database: ").append(environment.database()).append('\n');
        text.append("- Machine: ").append(environment.cores()).append(" cores (").append(environment.processor())
                .append("), ").append(environment.operatingSystem()).append("; browsers, server and the benchmark's "
                + "JVM share it; load average ").append(environment.loadAverage()).append(" (1, 5, 15 min) before "
                + "the run\n");
        text.append('\n');
        text.append("| Target | Calls | Failed | Host p50 (ms) | Host p95 (ms) | Guest p50 (ms) | Guest p95 (ms) "
                + "| Call p50 (ms) | Call p95 (ms) | Call max (ms) |\n");
        text.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CallSetupResult result : run.results()) {
            text.append("| ").append(result.target().label())
                    .append(" | ").append(result.calls().size())
                    .append(" | ").append(result.failed())
                    .append(" | ").append(fixed(result.host().p50(), 1))
                    .append(" | ").append(fixed(result.host().p95(), 1))
                    .append(" | ").append(fixed(result.guest().p50(), 1))
                    .append(" | ").append(fixed(result.guest().p95(), 1))
                    .append(" | ").append(fixed(result.call().p50(), 1))
                    .append(" | ").append(fixed(result.call().p95(), 1))
                    .append(" | ").append(fixed(result.call().max(), 1))
                    .append(" |\n");
        }
        text.append("\n| Target | Host welcome p50 (ms) | Host welcome p95 (ms) | Guest welcome p50 (ms) "
                + "| Guest welcome p95 (ms) |\n");
        text.append("|---|---:|---:|---:|---:|\n");
        for (CallSetupResult result : run.results()) {
            text.append("| ").append(result.target().label())
                    .append(" | ").append(fixed(result.hostWelcome().p50(), 1))
                    .append(" | ").append(fixed(result.hostWelcome().p95(), 1))
                    .append(" | ").append(fixed(result.guestWelcome().p50(), 1))
                    .append(" | ").append(fixed(result.guestWelcome().p95(), 1))
                    .append(" |\n");
        }
        text.append("\n## Kaiwa compared with the bare relay\n\n");
        text.append("Kaiwa's time divided by the bare relay's: above 1 means setting up a call through Kaiwa takes "
                + "longer.\n\n");
        text.append("| Time | Kaiwa/relay p50 | Kaiwa/relay p95 |\n");
        text.append("|---|---:|---:|\n");
        for (Time time : Time.values()) {
            text.append("| ").append(time.label)
                    .append(" | ").append(fixed(compare(run, time.spread, Spread::p50), 2))
                    .append(" | ").append(fixed(compare(run, time.spread, Spread::p95), 2))
                    .append(" |\n");
        }
        if (run.failed() > 0) {
            text.append("\n## Failed calls\n\n");
            for (CallSetupResult result : run.results()) {
                result.failures().forEach((outcome, count) -> text.append("- ").append(result.target().label())
                        .append(": ").append(count).append(" × ").append(outcome).append(", e.g. \"")
                        .append(result.examples().get(outcome)).append("\"\n"));
            }
        }
        return text.toString();
    }

    static String json(CallSetupRun run) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createGenerator(text)) {
            RunEnvironment environment = run.environment();
            CallSetupSettings settings = run.settings();
            json.writeStartObject()
                    .write("benchmark", "call-setup")
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
                    .write("browsers", run.browser())
                    .writeEnd();
            json.writeStartObject("settings")
                    .write("measuredCallsPerTarget", settings.calls())
                    .write("warmUpCallsPerTarget", settings.warmUp())
                    .write("timeoutSeconds", settings.timeout().toSeconds())
                    .writeEnd();
            json.writeStartArray("targets");
            for (CallSetupResult result : run.results()) {
                json.writeStartObject()
                        .write("target", result.target().key())
                        .write("description", result.target().description())
                        .write("calls", result.calls().size())
                        .write("failed", result.failed());
                json.writeStartArray("iceServersInHostWelcome");
                result.iceServers().forEach(json::write);
                json.writeEnd();
                spread(json, "hostMilliseconds", result.host());
                spread(json, "guestMilliseconds", result.guest());
                spread(json, "callMilliseconds", result.call());
                spread(json, "hostWelcomeMilliseconds", result.hostWelcome());
                spread(json, "guestWelcomeMilliseconds", result.guestWelcome());
                spread(json, "clickGapMilliseconds", result.clickGap());
                json.writeStartObject("failuresByOutcome");
                result.failures().forEach(json::write);
                json.writeEnd();
                json.writeStartObject("exampleByOutcome");
                result.examples().forEach(json::write);
                json.writeEnd();
                json.writeStartArray("measured");
                for (CallSetup call : result.calls()) {
                    json.writeStartObject();
                    ReportNumbers.write(json, "callMilliseconds", call.call(), 3);
                    ReportNumbers.write(json, "hostMilliseconds", call.host(), 3);
                    ReportNumbers.write(json, "guestMilliseconds", call.guest(), 3);
                    ReportNumbers.write(json, "hostWelcomeMilliseconds", call.hostWelcome(), 3);
                    ReportNumbers.write(json, "guestWelcomeMilliseconds", call.guestWelcome(), 3);
                    ReportNumbers.write(json, "clickGapMilliseconds", call.clickGap(), 3);
                    json.writeEnd();
                }
                json.writeEnd();
                json.writeEnd();
            }
            json.writeEnd();
            json.writeStartObject("kaiwaComparedWithRelay");
            for (Time time : Time.values()) {
                json.writeStartObject(time.jsonName);
                ReportNumbers.write(json, "p50Ratio", compare(run, time.spread, Spread::p50), 3);
                ReportNumbers.write(json, "p95Ratio", compare(run, time.spread, Spread::p95), 3);
                json.writeEnd();
            }
            json.writeEnd();
            json.writeEnd();
        }
        return text + "\n";
    }

    private static int rank(int calls, double percentile) {
        return Math.max(1, (int) Math.ceil(percentile / 100 * calls));
    }


    private static double compare(CallSetupRun run, Function<CallSetupResult, Spread> time, ToDoubleFunction<Spread> figure) {
        Optional<CallSetupResult> kaiwa = run.result(CallSetupTarget.KAIWA);
        Optional<CallSetupResult> relay = run.result(CallSetupTarget.RELAY);
        if (kaiwa.isEmpty() || relay.isEmpty()) {
            return Double.NaN;
        }
        return ratio(figure.applyAsDouble(time.apply(kaiwa.get())), figure.applyAsDouble(time.apply(relay.get())));
    }

    /** The times the comparison covers. */
    private enum Time {
        /** The later of the two sides. */
        CALL("call", "call", CallSetupResult::call),
        /** The host's click to the guest's first frame. */
        HOST("host", "host", CallSetupResult::host),
        /** The guest's click to the host's first frame. */
        GUEST("guest", "guest", CallSetupResult::guest),
        /** The host's click to its welcome. */
        HOST_WELCOME("host welcome", "hostWelcome", CallSetupResult::hostWelcome),
        /** The guest's click to its welcome. */
        GUEST_WELCOME("guest welcome", "guestWelcome", CallSetupResult::guestWelcome);

        private final String label;
        private final String jsonName;
        private final Function<CallSetupResult, Spread> spread;

        Time(String label, String jsonName, Function<CallSetupResult, Spread> spread) {
            this.label = label;
            this.jsonName = jsonName;
            this.spread = spread;
        }
    }

    private static void spread(JsonGenerator json, String name, Spread spread) {
        json.writeStartObject(name);
        ReportNumbers.write(json, "p50", spread.p50(), 3);
        ReportNumbers.write(json, "p95", spread.p95(), 3);
        ReportNumbers.write(json, "max", spread.max(), 3);
        json.writeEnd();
    }
}
