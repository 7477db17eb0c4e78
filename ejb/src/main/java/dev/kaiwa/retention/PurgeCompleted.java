package dev.kaiwa.retention;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A purge run finished, and deleted recordings of {@code organization}: what it did there. Fired once per run
 * and organization, inside the transaction of the run's last step, whose checkpoint commits with it; so a
 * restarted run does not announce an organization twice.
 *
 * @param executionId the job execution that finished the run (a restart has an id of its own)
 * @param instanceId the job instance, the same for a run and its restarts
 * @param asOf the instant the run treated as now
 */
public record PurgeCompleted(String organization, long executionId, long instanceId, Instant asOf,
        Instant completedAt, long recordingsDeleted, long missingBlobs, long bytesFreed) {
    public PurgeCompleted {
        requireNonNull(organization, "organization is null");
        requireNonNull(asOf, "asOf is null");
        requireNonNull(completedAt, "completedAt is null");
    }
}
