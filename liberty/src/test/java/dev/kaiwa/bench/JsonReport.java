package dev.kaiwa.bench;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** The report as JSON, for tools that compare runs; the same figures as the Markdown report. */
final class JsonReport {
    private JsonReport() {
    }

    static String render(BenchmarkRun run) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createGenerator(text)) {
            RunEnvironment environment = run.environment();
            BenchmarkSettings settings = run.settings();
            json.writeStartObject()
                    .write("benchmark", "call-lifecycle")
                    .write("startedAt", environment.startedAt().toString());
            json.writeStartArray("lifecycle");
            for (Step step : Step.values()) {
                json.writeStartObject().write("step", step.label()).write("request", step.request()).writeEnd();
            }
            json.writeEnd();
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
                    .write("iterationsPerLevel", settings.iterations())
                    .write("warmUpPerLevel", settings.warmUp())
                    .write("serverWarmUp", settings.serverWarmUp())
                    .write("serverWarmUpConcurrency", BenchmarkSettings.SERVER_WARM_UP_CONCURRENCY)
                    .writeEnd();
            json.write("errors", run.errors());
            json.writeStartArray("levels");
            for (LevelResult level : run.levels()) {
                json.writeStartObject()
                        .write("concurrency", level.concurrency())
                        .write("elapsedSeconds", decimal(level.elapsed().toNanos() / 1e9, 3));
                figures(json, "lifecycle", level.lifecycle());
                json.writeStartObject("steps");
                for (Step step : Step.values()) {
                    figures(json, step.label(), level.steps().get(step));
                }
                json.writeEnd();
                json.writeEnd();
            }
            json.writeEnd();
            json.writeEnd();
        }
        return text + "\n";
    }

    private static void figures(JsonGenerator json, String name, Figures figures) {
        json.writeStartObject(name)
                .write("count", figures.count())
                .write("errors", figures.errors());
        number(json, "throughputPerSecond", figures.throughput(), 2);
        number(json, "p50Milliseconds", figures.p50Milliseconds(), 3);
        number(json, "p99Milliseconds", figures.p99Milliseconds(), 3);
        number(json, "maxMilliseconds", figures.maxMilliseconds(), 3);
        json.writeStartObject("errorsByOutcome");
        figures.errorsByOutcome().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(outcome -> json.write(outcome.getKey(), outcome.getValue()));
        json.writeEnd();
        json.writeStartObject("exampleByOutcome");
        figures.exampleByOutcome().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(outcome -> json.write(outcome.getKey(), outcome.getValue()));
        json.writeEnd();
        json.writeEnd();
    }

    private static void number(JsonGenerator json, String name, double value, int decimals) {
        if (Double.isNaN(value)) {
            json.writeNull(name);
        }
        else {
            json.write(name, decimal(value, decimals));
        }
    }

    private static BigDecimal decimal(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    }
}
