package dev.kaiwa.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report as Markdown: what was measured, one table row per level and operation, and the
 * errors if there were any. The console shows the same text.
 */
final class MarkdownReport {
    static final String LIFECYCLE = Arrays.stream(Step.values()).map(Step::label)
            .collect(Collectors.joining("→", "lifecycle (", ")"));

    private MarkdownReport() {
    }

    static String render(BenchmarkRun run) {
        StringBuilder text = new StringBuilder(header(run));
        text.append('\n');
        table(text, run);
        if (run.errors() > 0) {
            text.append('\n');
            errors(text, run);
        }
        return text.toString();
    }

    /** What was measured, how, and on what. */
    static String header(BenchmarkRun run) {
        StringBuilder text = new StringBuilder();
        RunEnvironment environment = run.environment();
        BenchmarkSettings settings = run.settings();
        text.append("# Call lifecycle benchmark\n\n");
        text.append("Each lifecycle is one host's ")
                .append(Arrays.stream(Step.values()).map(Step::request).collect(Collectors.joining(" → ")))
                .append(", with an SSO JWT of a kaiwa-host user (one subject per worker).\n");
        text.append("Per concurrency level: ").append(settings.warmUp()).append(" lifecycles of warm-up, then ")
                .append(settings.iterations()).append(" measured; before the first level, ")
                .append(settings.serverWarmUp()).append(" lifecycles at concurrency ")
                .append(BenchmarkSettings.SERVER_WARM_UP_CONCURRENCY).append(" to warm the server up.\n\n");
        text.append("- Started: ").append(environment.startedAt()).append('\n');
        text.append("- Server: ").append(environment.server()).append(" at ").append(environment.baseUrl()).append('\n');
        text.append("- Server JVM: ").append(environment.serverJvm()).append('\n');
        text.append("- Server settings: ").append(environment.serverSettings()).append('\n');
        text.append("- Database: ").append(environment.database()).append('\n');
        text.append("- Machine: ").append(environment.cores()).append(" cores (").append(environment.processor())
                .append("), ").append(environment.operatingSystem()).append("; client and server share it; load average ")
                .append(environment.loadAverage()).append(" (1, 5, 15 min) before the run\n");
        text.append("- Client: java.net.http.HttpClient, HTTP/1.1, one fixed thread pool per level; JVM ")
                .append(environment.clientJvm()).append('\n');
        text.append("- Latency: from sending a request to the last byte of its answer, successful requests only; "
                + "lifecycle latency: from sending create to the answer of end. Throughput: successful operations "
                + "per second of the measured phase's wall-clock time. Errors: non-2xx answers and requests "
                + "without an answer; a lifecycle stops at its first error.\n");
        return text.toString();
    }

    private static void table(StringBuilder text, BenchmarkRun run) {
        text.append("| Concurrency | Operation | Count | Errors | Throughput (ops/s) | p50 (ms) | p99 (ms) | Max (ms) |\n");
        text.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (LevelResult level : run.levels()) {
            row(text, level.concurrency(), LIFECYCLE, level.lifecycle());
            for (Step step : Step.values()) {
                row(text, level.concurrency(), step.label(), level.steps().get(step));
            }
        }
    }

    private static void errors(StringBuilder text, BenchmarkRun run) {
        text.append("## Errors: ").append(run.errors()).append(" failed requests\n\n");
        for (LevelResult level : run.levels()) {
            for (Step step : Step.values()) {
                Figures figures = level.steps().get(step);
                for (Map.Entry<String, Long> outcome : figures.errorsByOutcome().entrySet()) {
                    text.append("- concurrency ").append(level.concurrency()).append(", ").append(step.label())
                            .append(": ").append(outcome.getValue()).append(" × ").append(outcome.getKey())
                            .append(", e.g. \"").append(figures.exampleByOutcome().get(outcome.getKey())).append("\"\n");
                }
            }
        }
    }

    private static void row(StringBuilder text, int concurrency, String operation, Figures figures) {
        text.append("| ").append(concurrency)
                .append(" | ").append(operation)
                .append(" | ").append(figures.count())
                .append(" | ").append(figures.errors())
                .append(" | ").append(number(figures.throughput(), 1))
                .append(" | ").append(number(figures.p50Milliseconds(), 2))
                .append(" | ").append(number(figures.p99Milliseconds(), 2))
                .append(" | ").append(number(figures.maxMilliseconds(), 2))
                .append(" |\n");
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
