package dev.kaiwa.bench;

import static dev.kaiwa.bench.ReportNumbers.fixed;
import static dev.kaiwa.bench.ReportNumbers.grouped;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;

/** The purge benchmark's report, as Markdown (also printed) and as JSON with the same figures. */
final class PurgeReport {
    private PurgeReport() {
    }

    static String markdown(PurgeRunFigures run) {
        StringBuilder text = new StringBuilder();
        RunEnvironment environment = run.environment();
        PurgeSettings settings = run.settings();
        PurgeRunFigures.Seed seed = run.seed();
        text.append("# Purge benchmark\n\n");
        text.append(grouped(seed.recordings())).append(" READY recordings of ").append(grouped(seed.calls()))
                .append(" ended calls, ").append(grouped(seed.expired())).append(" of them past their retention (mixed "
                + "in id order), each with a ").append(seed.blobBytes()).append("-byte media file at "
                + "`<storage>/recordings/<id>/media.webm`, are seeded into the server's database (JDBC batches) and "
                + "storage folder. **Kaiwa**: one run of the Jakarta Batch job `purge-expired-recordings`, started with "
                + "`POST /api/v1/admin/purge-runs` and polled every ").append(PurgeBenchmark.POLL_INTERVAL.toMillis())
                .append(" ms with `GET /api/v1/admin/purge-runs/{id}` until it ended (chunks of 50, the job's default; "
                + "step 1 marks the due recordings EXPIRED, step 2 deletes each one's folder and marks it DELETED, each "
                + "with a call event; step 3 looks for chat to purge). **Limit**: the same recordings seeded again, then "
                + "one `SELECT` of the due rows, one `DELETE` of them (one transaction) and a loop unlinking each "
                + "media file and its folder, from the benchmark's JVM. Purged/s = recordings purged ÷ the run's time "
                + "(the job's start to end as its repository has them; the limit's select + delete + unlink).\n\n");
        text.append("- Started: ").append(environment.startedAt()).append('\n');
        text.append("- Server: ").append(environment.server()).append(", JVM ").append(environment.serverJvm())
                .append("; ").append(environment.serverSettings()).append('\n');
        text.append("- Database: ").append(environment.database()).append('\n');
        text.append("- Storage: ").append(settings.storageDirectory()).append('\n');
        text.append("- Machine: ").append(environment.cores()).append(" cores (").append(environment.processor())
                .append("), ").append(environment.operatingSystem()).append("; load average ")
                .append(environment.loadAverage()).append(" (1, 5, 15 min) before the run\n");
        text.append("- Seeding: rows in ").append(fixed(seconds(run.seedRows()), 1)).append(" s, files in ")
                .append(fixed(seconds(run.seedFiles()), 1)).append(" s (not measured)\n");
        run.warmUp().ifPresent(warmUp -> text.append("- Warm-up: one run over ").append(grouped(warmUp.recordings()))
                .append(" recordings of their own, ").append(warmUp.status()).append(" in ")
                .append(fixed(seconds(warmUp.jobTime()), 2)).append(" s (not counted)\n"));
        text.append("- CPU columns: cores used during the run by the server process, by the benchmark's JVM, and by "
                + "the whole machine (which includes other work on it)\n");
        text.append('\n');
        PurgeRunFigures.JobRun kaiwa = run.kaiwa();
        PurgeRunFigures.SqlPurge limit = run.limit();
        text.append("| Run | Purged | Time (s) | Purged/s | Server CPU | Client CPU | Machine CPU |\n");
        text.append("|---|---:|---:|---:|---:|---:|---:|\n");
        text.append("| Kaiwa purge run | ").append(grouped(kaiwa.deleted()))
                .append(" | ").append(fixed(seconds(kaiwa.jobTime()), 2))
                .append(" | ").append(grouped(kaiwa.purgedPerSecond()));
        cpu(text, run.kaiwaCpu());
        text.append("| Limit: SQL delete + unlink | ").append(grouped(limit.deleted()))
                .append(" | ").append(fixed(seconds(limit.total()), 2))
                .append(" | ").append(grouped(limit.purgedPerSecond()));
        cpu(text, run.limitCpu());
        text.append("\n**Kaiwa/limit (purged/s): ").append(fixed(run.ratio(), 3)).append("**\n\n");
        text.append("Kaiwa's run, start sent to COMPLETED seen: ").append(fixed(seconds(kaiwa.observed()), 2))
                .append(" s. The limit's parts: select ").append(fixed(seconds(limit.select()), 2)).append(" s, delete ")
                .append(fixed(seconds(limit.delete()), 2)).append(" s, unlink ").append(fixed(seconds(limit.unlink()), 2))
                .append(" s.\n\n");
        text.append("## The run's counts and steps\n\n");
        kaiwa.counts().forEach((name, value) -> text.append("- ").append(name).append(": ").append(grouped(value))
                .append('\n'));
        text.append("\n| Step | Status | Time (s) | Read | Written | Filtered | Commits | Rollbacks |\n");
        text.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (PurgeRunFigures.Step step : kaiwa.steps()) {
            text.append("| ").append(step.name()).append(" | ").append(step.status())
                    .append(" | ").append(step.time().map(time -> fixed(seconds(time), 2)).orElse("–"))
                    .append(" | ").append(step.readCount()).append(" | ").append(step.writeCount())
                    .append(" | ").append(step.filterCount()).append(" | ").append(step.commitCount())
                    .append(" | ").append(step.rollbackCount()).append(" |\n");
        }
        text.append("\n## Checks\n\n");
        if (run.differences().isEmpty()) {
            text.append("Both runs purged exactly the expired recordings: the run's counts (recordingsExpired, "
                    + "recordingsDeleted, bytesFreed; no missing blobs), the rows (DELETED for RETENTION without a "
                    + "storage key, the others READY) and the files (expired folders gone, the others' media there).\n");
        }
        else {
            text.append("**Failed** — these figures are not a clean measurement:\n\n");
            run.differences().forEach(difference -> text.append("- ").append(difference).append('\n'));
        }
        return text.toString();
    }

    static String json(PurgeRunFigures run) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createGenerator(text)) {
            RunEnvironment environment = run.environment();
            PurgeRunFigures.Seed seed = run.seed();
            json.writeStartObject()
                    .write("benchmark", PurgeBenchmark.REPORT_NAME)
                    .write("startedAt", environment.startedAt().toString());
            json.writeStartObject("environment")
                    .write("baseUrl", environment.baseUrl())
                    .write("server", environment.server())
                    .write("serverJvm", environment.serverJvm())
                    .write("serverSettings", environment.serverSettings())
                    .write("database", environment.database())
                    .write("storage", run.settings().storageDirectory().toString())
                    .write("cores", environment.cores())
                    .write("processor", environment.processor())
                    .write("loadAverageBeforeRun", environment.loadAverage())
                    .write("operatingSystem", environment.operatingSystem())
                    .write("clientJvm", environment.clientJvm())
                    .writeEnd();
            json.writeStartObject("seed")
                    .write("recordings", seed.recordings())
                    .write("expired", seed.expired())
                    .write("calls", seed.calls())
                    .write("blobBytes", seed.blobBytes());
            ReportNumbers.write(json, "rowsSeconds", seconds(run.seedRows()), 3);
            ReportNumbers.write(json, "filesSeconds", seconds(run.seedFiles()), 3);
            json.writeEnd();
            run.warmUp().ifPresent(warmUp -> jobRun(json, "warmUp", warmUp));
            jobRun(json, "kaiwa", run.kaiwa());
            cpu(json, "kaiwaCpu", run.kaiwaCpu());
            PurgeRunFigures.SqlPurge limit = run.limit();
            json.writeStartObject("limit")
                    .write("description", "SELECT the due rows, DELETE them in one statement and transaction, unlink "
                            + "each media file and folder")
                    .write("purged", limit.deleted());
            ReportNumbers.write(json, "selectSeconds", seconds(limit.select()), 3);
            ReportNumbers.write(json, "deleteSeconds", seconds(limit.delete()), 3);
            ReportNumbers.write(json, "unlinkSeconds", seconds(limit.unlink()), 3);
            ReportNumbers.write(json, "seconds", seconds(limit.total()), 3);
            ReportNumbers.write(json, "purgedPerSecond", limit.purgedPerSecond(), 1);
            json.writeEnd();
            cpu(json, "limitCpu", run.limitCpu());
            ReportNumbers.write(json, "kaiwaToLimitPurgedPerSecondRatio", run.ratio(), 4);
            json.write("checksPassed", run.differences().isEmpty());
            json.writeStartArray("differences");
            run.differences().forEach(json::write);
            json.writeEnd();
            json.writeEnd();
        }
        return text + "\n";
    }

    private static void jobRun(JsonGenerator json, String name, PurgeRunFigures.JobRun run) {
        json.writeStartObject(name)
                .write("executionId", run.executionId())
                .write("status", run.status())
                .write("recordings", run.recordings())
                .write("purged", run.deleted());
        ReportNumbers.write(json, "seconds", seconds(run.jobTime()), 3);
        ReportNumbers.write(json, "observedSeconds", seconds(run.observed()), 3);
        json.write("pollMilliseconds", run.pollInterval().toMillis());
        ReportNumbers.write(json, "purgedPerSecond", run.purgedPerSecond(), 1);
        json.writeStartObject("counts");
        run.counts().forEach((key, value) -> json.write(key, value.longValue()));
        json.writeEnd();
        json.writeStartArray("steps");
        for (PurgeRunFigures.Step step : run.steps()) {
            json.writeStartObject()
                    .write("name", step.name())
                    .write("status", step.status());
            if (step.time().isPresent()) {
                ReportNumbers.write(json, "seconds", seconds(step.time().get()), 3);
            }
            else {
                json.writeNull("seconds");
            }
            json
                    .write("read", step.readCount())
                    .write("written", step.writeCount())
                    .write("filtered", step.filterCount())
                    .write("commits", step.commitCount())
                    .write("rollbacks", step.rollbackCount())
                    .writeEnd();
        }
        json.writeEnd();
        json.writeEnd();
    }

    private static void cpu(StringBuilder text, CpuUse cpu) {
        text.append(" | ").append(fixed(cpu.serverCores(), 2))
                .append(" | ").append(fixed(cpu.clientCores(), 2))
                .append(" | ").append(fixed(cpu.machineCores(), 2))
                .append(" |\n");
    }

    private static void cpu(JsonGenerator json, String name, CpuUse cpu) {
        json.writeStartObject(name);
        ReportNumbers.write(json, "serverCores", cpu.serverCores(), 3);
        ReportNumbers.write(json, "clientCores", cpu.clientCores(), 3);
        ReportNumbers.write(json, "machineCores", cpu.machineCores(), 3);
        json.writeEnd();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
