package dev.kaiwa.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Figures of the purge benchmark: the seed, Kaiwa's purge run and the plain SQL limit on the same data, and
 * what the checks after each found.
 *
 * @param seed what was seeded (the same for both runs)
 * @param seedRows time to insert the recording rows (JDBC batches)
 * @param seedFiles time to write the media files
 * @param warmUp the warm-up run on a smaller seed of its own, if there was one
 * @param kaiwa the measured purge run
 * @param limit the plain SQL delete with unlinking of the same rows
 * @param differences what the checks found wrong; empty when both runs purged exactly what they should
 */
record PurgeRunFigures(
        RunEnvironment environment,
        PurgeSettings settings,
        Seed seed,
        Duration seedRows,
        Duration seedFiles,
        Optional<JobRun> warmUp,
        JobRun kaiwa,
        SqlPurge limit,
        CpuUse kaiwaCpu,
        CpuUse limitCpu,
        List<String> differences) {

    /** The seeded data. */
    record Seed(int recordings, int expired, int calls, int blobBytes) {
    }

    /**
     * One run of {@code purge-expired-recordings} as the server reported it.
     *
     * @param jobTime from the run's start to its end, as the job repository has them
     * @param observed from sending the start to seeing the run COMPLETED (polling every {@code pollInterval})
     */
    record JobRun(long executionId, String status, int recordings, Duration jobTime, Duration observed,
            Duration pollInterval, Map<String, Long> counts, List<Step> steps) {
        long deleted() {
            return counts.getOrDefault("recordingsDeleted", 0L);
        }

        double purgedPerSecond() {
            return ReportNumbers.ratio(deleted(), jobTime.toNanos() / 1e9);
        }
    }

    /**
     * One step of the run with its batch metrics.
     *
     * @param time from the step's start to its end, as the job repository has them; empty if it could not be read
     */
    record Step(String name, long executionId, String status, long readCount, long writeCount, long filterCount,
            long commitCount, long rollbackCount, Optional<Duration> time) {
        Step withTime(Optional<Duration> time) {
            return new Step(name, executionId, status, readCount, writeCount, filterCount, commitCount, rollbackCount,
                    time);
        }
    }

    /** The limit: select the due rows, delete them in one statement, unlink their files one by one. */
    record SqlPurge(int deleted, Duration select, Duration delete, Duration unlink) {
        Duration total() {
            return select.plus(delete).plus(unlink);
        }

        double purgedPerSecond() {
            return ReportNumbers.ratio(deleted, total().toNanos() / 1e9);
        }
    }

    /** Kaiwa's purged recordings per second divided by the limit's. */
    double ratio() {
        return ReportNumbers.ratio(kaiwa.purgedPerSecond(), limit.purgedPerSecond());
    }
}
