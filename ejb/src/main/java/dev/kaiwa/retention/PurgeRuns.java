package dev.kaiwa.retention;

import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.DomainException;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starting, reading and restarting runs of the purge job through the JobOperator. The job repository is the
 * application's database (Liberty's batchPersistence), so runs survive a restart and Liberty's batch
 * management sees them too.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PurgeRuns {
    private static final Logger LOG = Logger.getLogger(PurgeRuns.class.getName());
    /** How many of the latest job instances a start-up looks at for an interrupted run. */
    private static final int RECENT_INSTANCES = 10;
    /** Job parameter read by the job's chunks ({@code item-count}, 50 when absent). */
    private static final String CHUNK_SIZE = "chunkSize";
    /** Bounds of a run's chunk size: items per checkpointed transaction. */
    public static final int MIN_CHUNK_SIZE = 1;
    public static final int MAX_CHUNK_SIZE = 1000;

    @Inject
    Clock clock;

    @Inject
    PurgeRunAudit audit;

    /**
     * Starts a run that purges what is due now, on demand by an admin or (empty) by the schedule; returns its
     * execution id. The audit trail's PURGE_RUN_STARTED entry is written once the execution exists, in a
     * transaction of its own; if that fails the run goes on, and the failure is logged and thrown.
     */
    public long start(Optional<Caller> startedBy) {
        return start(startedBy, OptionalInt.empty());
    }

    /**
     * Starts a run like {@link #start(Optional)} whose chunks hold {@code chunkSize} items each (the job's default
     * is 50): smaller chunks commit and checkpoint more often, larger ones run faster.
     */
    public long start(Optional<Caller> startedBy, OptionalInt chunkSize) {
        if (chunkSize.isPresent() && (chunkSize.getAsInt() < MIN_CHUNK_SIZE || chunkSize.getAsInt() > MAX_CHUNK_SIZE)) {
            throw DomainException.invalidField(CHUNK_SIZE, "must be between " + MIN_CHUNK_SIZE + " and "
                    + MAX_CHUNK_SIZE);
        }
        Instant asOf = clock.instant();
        String by = startedBy.map(caller -> new Actor.User(caller).reference()).orElse("system");
        Properties parameters = new Properties();
        parameters.setProperty(PurgeJob.AS_OF, asOf.toString());
        parameters.setProperty(PurgeJob.STARTED_BY, by);
        chunkSize.ifPresent(size -> parameters.setProperty(CHUNK_SIZE, Integer.toString(size)));
        JobOperator operator = operator();
        long executionId = operator.start(PurgeJob.NAME, parameters);
        LOG.info(() -> "Purge run " + executionId + " started by " + by
                + (chunkSize.isPresent() ? " with chunks of " + chunkSize.getAsInt() : ""));
        try {
            audit.started(executionId, operator.getJobInstance(executionId).getInstanceId(), asOf, startedBy);
        }
        catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Purge run " + executionId + " started, but its audit entry could not be written", e);
            throw e;
        }
        return executionId;
    }

    /** The run, if {@code executionId} is an execution of the purge job. */
    public Optional<PurgeRun> find(long executionId) {
        JobOperator operator = operator();
        JobExecution execution;
        try {
            execution = operator.getJobExecution(executionId);
        }
        catch (NoSuchJobExecutionException e) {
            return Optional.empty();
        }
        if (execution == null || !PurgeJob.NAME.equals(execution.getJobName())) {
            return Optional.empty();
        }
        JobInstance instance = operator.getJobInstance(executionId);
        List<JobExecution> executions = operator.getJobExecutions(instance).stream()
                .filter(other -> other.getExecutionId() <= executionId)
                .sorted(Comparator.comparingLong(JobExecution::getExecutionId))
                .toList();
        // A restart runs only the steps that did not complete: take each step's latest execution up to this one.
        Map<String, StepExecution> latestSteps = new LinkedHashMap<>();
        for (JobExecution each : executions) {
            for (StepExecution step : operator.getStepExecutions(each.getExecutionId())) {
                latestSteps.put(step.getStepName(), step);
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        List<PurgeRun.Step> steps = new ArrayList<>();
        for (StepExecution step : latestSteps.values()) {
            StepCounts.of(step.getPersistentUserData()).forEach((key, value) -> counts.merge(key, value, Long::sum));
            steps.add(new PurgeRun.Step(step.getStepName(), step.getStepExecutionId(), step.getBatchStatus().name(),
                    metric(step, Metric.MetricType.READ_COUNT), metric(step, Metric.MetricType.WRITE_COUNT),
                    metric(step, Metric.MetricType.FILTER_COUNT), metric(step, Metric.MetricType.COMMIT_COUNT),
                    metric(step, Metric.MetricType.ROLLBACK_COUNT)));
        }
        Long restartOf = executions.size() > 1 ? executions.get(executions.size() - 2).getExecutionId() : null;
        Properties parameters = execution.getJobParameters();
        String asOf = parameters == null ? null : parameters.getProperty(PurgeJob.AS_OF);
        return Optional.of(new PurgeRun(executionId, instance.getInstanceId(), restartOf,
                execution.getBatchStatus().name(), execution.getExitStatus(), asOf == null ? null : Instant.parse(asOf),
                parameters == null ? null : parameters.getProperty(PurgeJob.STARTED_BY),
                instant(execution.getCreateTime()), instant(execution.getStartTime()), instant(execution.getEndTime()),
                counts, steps));
    }

    /**
     * Restarts the latest execution of recent purge runs that ended FAILED or STOPPED (a failure, a stop, or a crash
     * in the middle of a run); each resumes from its last checkpoint. Returns the new execution ids.
     *
     * <p>A run whose server died (SIGKILL, power loss) stays STARTED in the job repository, since nothing wrote
     * its end. Liberty's batch recovery marks the executions this server left STARTING, STARTED or STOPPING (same
     * server id: defaultHostName, user directory, server name) FAILED when the job repository is first used after
     * a start, before this method reads them, so such a run is restarted here like a failed one. Executions in
     * flight are never touched: they belong to a running server, or to a dead one that recovers them when it starts
     * again; meanwhile the next run does what they left undone, because every step works from the state of the
     * rows. An instance that can no longer be restarted (another server restarted it first) is skipped.
     */
    public List<Long> restartInterrupted() {
        JobOperator operator = operator();
        List<JobInstance> instances;
        try {
            instances = operator.getJobInstances(PurgeJob.NAME, 0, RECENT_INSTANCES);
        }
        catch (NoSuchJobException e) {
            return List.of();
        }
        List<Long> restarted = new ArrayList<>();
        for (JobInstance instance : instances) {
            operator.getJobExecutions(instance).stream()
                    .max(Comparator.comparingLong(JobExecution::getExecutionId))
                    .filter(latest -> latest.getBatchStatus() == BatchStatus.FAILED
                            || latest.getBatchStatus() == BatchStatus.STOPPED)
                    .flatMap(latest -> restart(operator, latest))
                    .ifPresent(restarted::add);
        }
        return restarted;
    }

    private static Optional<Long> restart(JobOperator operator, JobExecution latest) {
        try {
            long execution = operator.restart(latest.getExecutionId(), latest.getJobParameters());
            LOG.info(() -> "Purge run " + latest.getExecutionId() + " was " + latest.getBatchStatus() + "; restarted as "
                    + execution);
            return Optional.of(execution);
        }
        catch (JobRestartException | JobExecutionNotMostRecentException | JobExecutionAlreadyCompleteException e) {
            LOG.warning(() -> "Purge run " + latest.getExecutionId() + " was " + latest.getBatchStatus()
                    + " and could not be restarted: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static long metric(StepExecution step, Metric.MetricType type) {
        Metric[] metrics = step.getMetrics();
        if (metrics == null) {
            return 0;
        }
        for (Metric metric : metrics) {
            if (metric.getType() == type) {
                return metric.getValue();
            }
        }
        return 0;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
