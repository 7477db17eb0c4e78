package dev.kaiwa.retention;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One execution of the purge job as the job repository has it.
 *
 * @param restartOf the execution this one restarted, if it is a restart
 * @param counts what the run did so far, summed over its steps (restarted steps count from their checkpoints)
 * @param steps each step's status
 */
public record PurgeRun(long executionId, long instanceId, Long restartOf, String status, String exitStatus,
        Instant asOf, String startedBy, Instant createdAt, Instant startedAt, Instant endedAt,
        Map<String, Long> counts, List<Step> steps) {

    public record Step(String name, long executionId, String status, long readCount, long writeCount,
            long filterCount, long commitCount, long rollbackCount) {
    }
}
