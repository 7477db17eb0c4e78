package dev.kaiwa.recording;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The periodic recording sweep: starts no recorder acknowledged within {@code kaiwa.recording.ack-timeout}
 * fail, and recordings not READY within {@code kaiwa.recording.ready-timeout} fail with their chunks purged.
 * It decides from the database only, so a restart or another node picks up where it stopped.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecordingSweep {
    private static final Logger LOG = Logger.getLogger(RecordingSweep.class.getName());
    private static final int BATCH = 100;

    @Resource
    TimerService timerService;

    @Inject
    RecordingService recordings;

    @Inject
    @ConfigProperty(name = "kaiwa.recording.ack-timeout", defaultValue = "PT15S")
    Duration ackTimeout;

    @Inject
    RecordingFinalizer finalizer;

    @Inject
    java.time.Clock clock;

    @Inject
    @ConfigProperty(name = "kaiwa.recording.ready-timeout", defaultValue = "PT24H")
    Duration readyTimeout;

    @Inject
    @ConfigProperty(name = "kaiwa.recording.sweep-interval", defaultValue = "PT5S")
    Duration interval;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        timerService.createIntervalTimer(interval.toMillis(), interval.toMillis(),
                new TimerConfig("kaiwa-recording-sweep", false));
    }

    @Timeout
    void sweep() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            sweepOnce();
        }
        catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Recording sweep failed; it runs again in " + interval, e);
        }
        finally {
            running.set(false);
        }
    }

    /** One pass; exposed so tests need not wait for the timer. */
    public void sweepOnce() {
        while (recordings.failUnacknowledged(ackTimeout, BATCH) == BATCH) {
            LOG.fine("more unacknowledged recordings to fail");
        }
        while (finalizer.failUnfinished(readyTimeout, clock.instant(), BATCH) == BATCH) {
            LOG.fine("more unfinished recordings to fail");
        }
    }
}
