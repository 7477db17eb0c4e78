package dev.kaiwa.call;

import dev.kaiwa.participant.ParticipantService;
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
 * The periodic sweep: scheduled calls nobody joined in time become MISSED, and participants whose
 * signaling ticket expired unused become LEFT. Everything it decides from is in the database, so a
 * restart or a second node picks up where it stopped.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CallSweep {
    private static final Logger LOG = Logger.getLogger(CallSweep.class.getName());
    private static final int BATCH = 200;

    @Resource
    TimerService timerService;

    @Inject
    CallService callService;

    @Inject
    ParticipantService participantService;

    @Inject
    @ConfigProperty(name = "kaiwa.call.missed-grace", defaultValue = "PT15M")
    Duration missedGrace;

    @Inject
    @ConfigProperty(name = "kaiwa.sweep.interval", defaultValue = "PT15S")
    Duration interval;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        TimerConfig config = new TimerConfig("kaiwa-call-sweep", false);
        timerService.createIntervalTimer(interval.toMillis(), interval.toMillis(), config);
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
            LOG.log(Level.WARNING, "Call sweep failed; it runs again in " + interval, e);
        }
        finally {
            running.set(false);
        }
    }

    /** One pass; exposed so operators and tests need not wait for the timer. */
    public void sweepOnce() {
        while (callService.markMissedCalls(missedGrace, BATCH) == BATCH) {
            LOG.fine("more missed calls to mark");
        }
        while (participantService.expireUnusedTickets(BATCH) == BATCH) {
            LOG.fine("more expired tickets to handle");
        }
        callService.refreshStatistics();
    }
}
