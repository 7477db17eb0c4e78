package dev.kaiwa.incontainer;

import dev.kaiwa.retention.PurgeCompleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Interrupts a purge run's announcement once: the first {@link PurgeCompleted} of the organization a test names
 * fails, so the chunk that announces it rolls back and the run ends FAILED in its last step.
 */
@ApplicationScoped
public class InterruptedAnnouncement {
    private String failOnce;

    /** The next announcement to {@code organization} fails; later ones pass. */
    public synchronized void failOnceFor(String organization) {
        failOnce = organization;
    }

    synchronized void announced(@Observes PurgeCompleted completed) {
        if (completed.organization().equals(failOnce)) {
            failOnce = null;
            throw new IllegalStateException("the test interrupts the announcement to " + completed.organization());
        }
    }
}
