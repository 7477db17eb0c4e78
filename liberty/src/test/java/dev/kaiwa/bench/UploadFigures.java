package dev.kaiwa.bench;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures of the upload benchmark: per recording size, Kaiwa's chunked, encrypted upload and the direct disk
 * write of the same bytes, and the failures if any.
 *
 * @param failures failed recordings by outcome (a failure fails the benchmark)
 * @param examples for each outcome, the detail of its first occurrence
 */
record UploadFigures(
        RunEnvironment environment,
        UploadSettings settings,
        List<SizeResult> sizes,
        Map<String, Long> failures,
        Map<String, String> examples) {
    private static final double MEBIBYTE = 1024.0 * 1024.0;

    UploadFigures {
        sizes = List.copyOf(sizes);
        failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        examples = Collections.unmodifiableMap(new LinkedHashMap<>(examples));
    }

    long failureCount() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * One size, over its measured recordings. Times are sums over the recordings, so MiB/s are total bytes over
     * total time.
     *
     * @param bytes bytes of one recording as uploaded
     * @param chunks chunks of one recording
     * @param recordings measured recordings that became READY
     * @param upload time from the first chunk sent to the last chunk's answer
     * @param endToEnd time from the first chunk sent to READY announced on the host's socket
     * @param disk time of the direct write of the same bytes (chunk by chunk to one file, then one force)
     * @param storedBytes size of the finalized media the server reported (the last recording's)
     * @param chunkLatency per-chunk PUT latencies (count, p50, p99, max)
     * @param cpu during Kaiwa's uploads and finalizations
     */
    record SizeResult(int sizeMebibytes, long bytes, int chunks, int recordings, Duration upload, Duration endToEnd,
            Duration disk, int diskWrites, long storedBytes, Figures chunkLatency, CpuUse cpu) {
        double uploadMebibytesPerSecond() {
            return rate(bytes * recordings, upload);
        }

        double endToEndMebibytesPerSecond() {
            return rate(bytes * recordings, endToEnd);
        }

        double diskMebibytesPerSecond() {
            return rate(bytes * diskWrites, disk);
        }

        /** Time from the last chunk's answer to READY, per recording. */
        Duration finalizationPerRecording() {
            return recordings == 0 ? Duration.ZERO : endToEnd.minus(upload).dividedBy(recordings);
        }

        double uploadToDisk() {
            return ReportNumbers.ratio(uploadMebibytesPerSecond(), diskMebibytesPerSecond());
        }

        double endToEndToDisk() {
            return ReportNumbers.ratio(endToEndMebibytesPerSecond(), diskMebibytesPerSecond());
        }

        private static double rate(long bytes, Duration time) {
            return ReportNumbers.ratio(bytes / MEBIBYTE, time.toNanos() / 1e9);
        }
    }
}
