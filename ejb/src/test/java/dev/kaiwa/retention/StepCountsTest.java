package dev.kaiwa.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counts a purge step checkpoints: the run's, and each organization's beside them for its announcement. */
class StepCountsTest {
    @Test
    void organizationCountsAddToTheRunsAndAreReadApart() {
        FakeStepContext step = new FakeStepContext();

        StepCounts.add(step, PurgeJob.DELETED, "acme", 2);
        StepCounts.add(step, PurgeJob.DELETED, "org.with.dots", 1);
        StepCounts.add(step, PurgeJob.BYTES_FREED, "acme", 640);
        StepCounts.add(step, PurgeJob.MISSING_BLOBS, 0);

        assertThat(StepCounts.of(step.getPersistentUserData())).containsOnly(Map.entry(PurgeJob.DELETED, 3L),
                Map.entry(PurgeJob.BYTES_FREED, 640L), Map.entry(PurgeJob.MISSING_BLOBS, 0L));
        assertThat(StepCounts.byOrganization(step.getPersistentUserData())).containsOnly(
                Map.entry("acme", Map.of(PurgeJob.DELETED, 2L, PurgeJob.BYTES_FREED, 640L)),
                Map.entry("org.with.dots", Map.of(PurgeJob.DELETED, 1L)));
    }

    @Test
    void countsGoOnFromTheCheckpointedData() {
        FakeStepContext step = new FakeStepContext();
        StepCounts.add(step, PurgeJob.DELETED, "acme", 2);
        FakeStepContext restarted = new FakeStepContext();
        restarted.setPersistentUserData((HashMap<?, ?>) ((HashMap<?, ?>) step.getPersistentUserData()).clone());

        StepCounts.add(restarted, PurgeJob.DELETED, "acme", 1);

        assertThat(StepCounts.of(restarted.getPersistentUserData())).containsEntry(PurgeJob.DELETED, 3L);
        assertThat(StepCounts.byOrganization(restarted.getPersistentUserData()).get("acme"))
                .containsEntry(PurgeJob.DELETED, 3L);
    }

    @Test
    void dataOfAnotherShapeHasNoCounts() {
        assertThat(StepCounts.of(null)).isEmpty();
        assertThat(StepCounts.byOrganization("not a map")).isEmpty();
    }
}
