package dev.kaiwa.bench;

import static dev.kaiwa.bench.ReportNumbers.fixed;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.Map;

/** The upload benchmark's report, as Markdown (also printed) and as JSON with the same figures. */
final class UploadReport {
    private UploadReport() {
    }

    static String markdown(UploadFigures run) {
        StringBuilder text = new StringBuilder();
        RunEnvironment environment = run.environment();
        UploadSettings settings = run.settings();
        text.append("# Upload benchmark\n\n");
        text.append("Recordings as a host's browser makes them without a media server: a call that may be recorded, "
                + "the host joined on its signaling socket, consent granted, a composite recording started and "
                + "acknowledged (RECORDING), recorded for ").append(fixed(SyntheticWebm.DURATION_MILLIS / 1000.0 + 0.2, 1))
                .append(" s and stopped (none of it measured). Then its WebM (").append(SyntheticWebm.FRAME_BYTES / 1024)
                .append(" KiB random-byte VP8 frames spanning ").append(SyntheticWebm.DURATION_MILLIS).append(" ms, within "
                + "the recording's interval) is sent in ").append(settings.chunkKibibytes()).append("-KiB chunks, one "
                + "after the other on one connection: `PUT /api/v1/recordings/{id}/chunks/{seq}` with `Content-Digest: "
                + "sha-256=:…:` (digests computed beforehand), each stored encrypted and forced to disk with its folder; "
                + "then `POST …/complete` and finalization into a seekable WebM (read twice, decrypting, and written "
                + "encrypted) until the host's socket announces READY. **Upload** MiB/s = bytes ÷ time from the first "
                + "chunk sent to the last chunk's answer; **end to end** = bytes ÷ time from the first chunk to READY. "
                + "**Disk**: the same bytes written chunk by chunk to one new file on the store's file system with "
                + "`FileChannel.write`, then one `force`, in the same run, taking turns with Kaiwa. ")
                .append(settings.repetitions()).append(" recordings per size after ").append(settings.warmUp())
                .append(" of warm-up.\n\n");
        text.append("- Started: ").append(environment.startedAt()).append('\n');
        text.append("- Server: ").append(environment.server()).append(", JVM ").append(environment.serverJvm())
                .append("; ").append(environment.serverSettings()).append('\n');
        text.append("- Database: ").append(environment.database()).append('\n');
        text.append("- Storage: ").append(settings.storageDirectory()).append("; direct writes in ")
                .append(settings.diskDirectory()).append('\n');
        text.append("- Machine: ").append(environment.cores()).append(" cores (").append(environment.processor())
                .append("), ").append(environment.operatingSystem()).append("; client and server share it; load "
                + "average ").append(environment.loadAverage()).append(" (1, 5, 15 min) before the run\n");
        text.append("- CPU columns: cores used from the first chunk to READY by the server process, by the benchmark's "
                + "JVM and by the whole machine (which includes other work on it)\n");
        text.append('\n');
        text.append("| Size (MiB) | Chunks | Recordings | Upload MiB/s | End-to-end MiB/s | Disk MiB/s | Upload/disk "
                + "| End-to-end/disk | Chunk p50 (ms) | Chunk p99 (ms) | Finalization (s) | Server CPU | Client CPU "
                + "| Machine CPU |\n");
        text.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (UploadFigures.SizeResult size : run.sizes()) {
            text.append("| ").append(size.sizeMebibytes())
                    .append(" | ").append(size.chunks())
                    .append(" | ").append(size.recordings())
                    .append(" | ").append(fixed(size.uploadMebibytesPerSecond(), 1))
                    .append(" | ").append(fixed(size.endToEndMebibytesPerSecond(), 1))
                    .append(" | ").append(fixed(size.diskMebibytesPerSecond(), 1))
                    .append(" | ").append(fixed(size.uploadToDisk(), 3))
                    .append(" | ").append(fixed(size.endToEndToDisk(), 3))
                    .append(" | ").append(fixed(size.chunkLatency().p50Milliseconds(), 2))
                    .append(" | ").append(fixed(size.chunkLatency().p99Milliseconds(), 2))
                    .append(" | ").append(fixed(size.finalizationPerRecording().toNanos() / 1e9, 2))
                    .append(" | ").append(fixed(size.cpu().serverCores(), 2))
                    .append(" | ").append(fixed(size.cpu().clientCores(), 2))
                    .append(" | ").append(fixed(size.cpu().machineCores(), 2))
                    .append(" |\n");
        }
        text.append("\nRatios are Kaiwa's MiB/s divided by the disk's: 1 would be Kaiwa as fast as writing the bytes "
                + "to disk once.\n");
        if (run.failureCount() > 0) {
            text.append("\n## Failed recordings: ").append(run.failureCount()).append("\n\n");
            run.failures().forEach((outcome, count) -> text.append("- ").append(count).append(" × ").append(outcome)
                    .append(", e.g. \"").append(run.examples().get(outcome)).append("\"\n"));
        }
        return text.toString();
    }

    static String json(UploadFigures run) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createGenerator(text)) {
            RunEnvironment environment = run.environment();
            UploadSettings settings = run.settings();
            json.writeStartObject()
                    .write("benchmark", UploadBenchmark.REPORT_NAME)
                    .write("startedAt", environment.startedAt().toString());
            json.writeStartObject("environment")
                    .write("baseUrl", environment.baseUrl())
                    .write("server", environment.server())
                    .write("serverJvm", environment.serverJvm())
                    .write("serverSettings", environment.serverSettings())
                    .write("database", environment.database())
                    .write("storage", settings.storageDirectory().toString())
                    .write("diskWrites", settings.diskDirectory().toString())
                    .write("cores", environment.cores())
                    .write("processor", environment.processor())
                    .write("loadAverageBeforeRun", environment.loadAverage())
                    .write("operatingSystem", environment.operatingSystem())
                    .write("clientJvm", environment.clientJvm())
                    .writeEnd();
            json.writeStartObject("settings")
                    .write("chunkKibibytes", settings.chunkKibibytes())
                    .write("repetitionsPerSize", settings.repetitions())
                    .write("warmUpRecordings", settings.warmUp())
                    .write("frameBytes", SyntheticWebm.FRAME_BYTES)
                    .write("mediaMilliseconds", SyntheticWebm.DURATION_MILLIS)
                    .writeEnd();
            json.writeStartArray("sizes");
            for (UploadFigures.SizeResult size : run.sizes()) {
                json.writeStartObject()
                        .write("sizeMebibytes", size.sizeMebibytes())
                        .write("bytes", size.bytes())
                        .write("chunks", size.chunks())
                        .write("recordings", size.recordings())
                        .write("storedBytes", size.storedBytes());
                ReportNumbers.write(json, "uploadSeconds", size.upload().toNanos() / 1e9, 3);
                ReportNumbers.write(json, "endToEndSeconds", size.endToEnd().toNanos() / 1e9, 3);
                ReportNumbers.write(json, "diskSeconds", size.disk().toNanos() / 1e9, 3);
                ReportNumbers.write(json, "uploadMebibytesPerSecond", size.uploadMebibytesPerSecond(), 2);
                ReportNumbers.write(json, "endToEndMebibytesPerSecond", size.endToEndMebibytesPerSecond(), 2);
                ReportNumbers.write(json, "diskMebibytesPerSecond", size.diskMebibytesPerSecond(), 2);
                ReportNumbers.write(json, "uploadToDiskRatio", size.uploadToDisk(), 4);
                ReportNumbers.write(json, "endToEndToDiskRatio", size.endToEndToDisk(), 4);
                ReportNumbers.write(json, "finalizationSecondsPerRecording",
                        size.finalizationPerRecording().toNanos() / 1e9, 3);
                json.writeStartObject("chunkLatency")
                        .write("count", size.chunkLatency().count());
                ReportNumbers.write(json, "p50Milliseconds", size.chunkLatency().p50Milliseconds(), 3);
                ReportNumbers.write(json, "p99Milliseconds", size.chunkLatency().p99Milliseconds(), 3);
                ReportNumbers.write(json, "maxMilliseconds", size.chunkLatency().maxMilliseconds(), 3);
                json.writeEnd();
                json.writeStartObject("cpu");
                ReportNumbers.write(json, "serverCores", size.cpu().serverCores(), 3);
                ReportNumbers.write(json, "clientCores", size.cpu().clientCores(), 3);
                ReportNumbers.write(json, "machineCores", size.cpu().machineCores(), 3);
                json.writeEnd();
                json.writeEnd();
            }
            json.writeEnd();
            json.writeStartObject("failures");
            run.failures().forEach((outcome, count) -> json.write(outcome, count.longValue()));
            json.writeEnd();
            json.writeStartObject("failureExamples");
            run.examples().forEach(json::write);
            json.writeEnd();
            json.writeEnd();
        }
        return text + "\n";
    }
}
