package dev.kaiwa.retention;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The last step's writer: announces the run to each organization whose recordings it deleted ({@link
 * PurgeCompleted}, which webhooks publish as {@code purge.completed}) in the chunk's transaction, which also
 * commits the reader's checkpoint: an organization is announced exactly once per run, also across a restart.
 */
@Named
@Dependent
public class PurgeCompletionWriter extends AbstractItemWriter {
    @Inject
    Event<PurgeCompleted> completed;

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    Clock clock;

    @Inject
    @BatchProperty(name = PurgeJob.AS_OF)
    String asOf;

    @Override
    public void writeItems(List<Object> items) {
        Instant now = clock.instant();
        for (Object item : items) {
            PurgedOrganizationReader.PurgedOrganization organization = (PurgedOrganizationReader.PurgedOrganization) item;
            completed.fire(new PurgeCompleted(organization.organization(), job.getExecutionId(), job.getInstanceId(),
                    Instant.parse(asOf), now, organization.recordingsDeleted(), organization.missingBlobs(),
                    organization.bytesFreed()));
        }
        StepCounts.add(step, PurgeJob.ORGANIZATIONS_ANNOUNCED, items.size());
    }
}
