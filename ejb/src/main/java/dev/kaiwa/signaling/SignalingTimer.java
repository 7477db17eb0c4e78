package dev.kaiwa.signaling;

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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Drives the signaling liveness rules once a second. */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SignalingTimer {
    private static final Logger LOG = Logger.getLogger(SignalingTimer.class.getName());
    private static final long INTERVAL_MILLIS = 1_000;

    @Resource
    TimerService timerService;

    @Inject
    SignalingHub hub;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        timerService.createIntervalTimer(INTERVAL_MILLIS, INTERVAL_MILLIS, new TimerConfig("kaiwa-signaling-liveness", false));
    }

    @Timeout
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            hub.tick();
        }
        catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Signaling liveness pass failed", e);
        }
        finally {
            running.set(false);
        }
    }
}
