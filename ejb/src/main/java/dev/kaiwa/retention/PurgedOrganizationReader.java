package dev.kaiwa.retention;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * The last step's reader: the organizations whose recordings this run deleted, by name, each with its counts,
 * after the last one announced (the checkpoint). The counts come from the media step's persistent user data in
 * the job repository: its latest execution within this run, which may belong to an execution before a restart.
 */
@Named
@Dependent
public class PurgedOrganizationReader extends AbstractItemReader {
    @Inject
    JobContext job;

    private final Deque<PurgedOrganization> organizations = new ArrayDeque<>();
    private String last;

    @Override
    public void open(Serializable checkpoint) {
        last = (String) checkpoint;
        mediaStep().map(StepExecution::getPersistentUserData).map(StepCounts::byOrganization).orElse(Map.of())
                .forEach((organization, counts) -> {
                    long deleted = counts.getOrDefault(PurgeJob.DELETED, 0L);
                    if (deleted > 0 && (last == null || organization.compareTo(last) > 0)) {
                        organizations.add(new PurgedOrganization(organization, deleted,
                                counts.getOrDefault(PurgeJob.MISSING_BLOBS, 0L),
                                counts.getOrDefault(PurgeJob.BYTES_FREED, 0L)));
                    }
                });
    }

    @Override
    public Object readItem() {
        PurgedOrganization next = organizations.poll();
        if (next != null) {
            last = next.organization();
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }

    /** The latest execution of the media step in this run, up to this execution. */
    private Optional<StepExecution> mediaStep() {
        JobOperator operator = BatchRuntime.getJobOperator();
        long current = job.getExecutionId();
        StepExecution latest = null;
        for (JobExecution execution : operator.getJobExecutions(operator.getJobInstance(current))) {
            if (execution.getExecutionId() > current) {
                continue;
            }
            for (StepExecution step : operator.getStepExecutions(execution.getExecutionId())) {
                if (step.getStepName().equals(PurgeJob.STEP_DELETE)
                        && (latest == null || step.getStepExecutionId() > latest.getStepExecutionId())) {
                    latest = step;
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    /** What the run did to one organization's recordings. */
    record PurgedOrganization(String organization, long recordingsDeleted, long missingBlobs, long bytesFreed) {
    }
}
