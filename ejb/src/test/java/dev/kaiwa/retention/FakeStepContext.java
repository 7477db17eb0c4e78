package dev.kaiwa.retention;

import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.context.StepContext;
import java.io.Serializable;
import java.util.Properties;

/** A step's context that only keeps its persistent user data, as the batch runtime would between chunks. */
final class FakeStepContext implements StepContext {
    private Serializable persistentUserData;
    private Object transientUserData;
    private String exitStatus;

    @Override
    public String getStepName() {
        return PurgeJob.STEP_DELETE;
    }

    @Override
    public Object getTransientUserData() {
        return transientUserData;
    }

    @Override
    public void setTransientUserData(Object data) {
        transientUserData = data;
    }

    @Override
    public long getStepExecutionId() {
        return 1;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public Serializable getPersistentUserData() {
        return persistentUserData;
    }

    @Override
    public void setPersistentUserData(Serializable data) {
        persistentUserData = data;
    }

    @Override
    public BatchStatus getBatchStatus() {
        return BatchStatus.STARTED;
    }

    @Override
    public String getExitStatus() {
        return exitStatus;
    }

    @Override
    public void setExitStatus(String status) {
        exitStatus = status;
    }

    @Override
    public Exception getException() {
        return null;
    }

    @Override
    public Metric[] getMetrics() {
        return new Metric[0];
    }
}
