package dev.kaiwa.retention;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the purge daily at {@code kaiwa.retention.purge-time} (HH:mm, UTC; {@code off} disables the schedule),
 * and shortly after start-up restarts a run that a crash or shutdown interrupted.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PurgeSchedule {
    private static final Logger LOG = Logger.getLogger(PurgeSchedule.class.getName());
    private static final String DAILY = "kaiwa-purge-daily";
    private static final String RECOVERY = "kaiwa-purge-recovery";

    @Resource
    TimerService timerService;

    @Inject
    PurgeRuns runs;

    @Inject
    @ConfigProperty(name = "kaiwa.retention.purge-time", defaultValue = "03:30")
    String purgeTime;

    @Inject
    @ConfigProperty(name = "kaiwa.retention.purge-recovery-delay", defaultValue = "PT30S")
    Duration recoveryDelay;

    @PostConstruct
    void schedule() {
        timerService.createSingleActionTimer(recoveryDelay.toMillis(), new TimerConfig(RECOVERY, false));
        dailyAt(purgeTime).ifPresent(time -> {
            ScheduleExpression daily = new ScheduleExpression().hour(time.getHour()).minute(time.getMinute())
                    .second(0).timezone("UTC");
            timerService.createCalendarTimer(daily, new TimerConfig(DAILY, false));
            LOG.info(() -> "Retention purge scheduled daily at " + time + " UTC");
        });
    }

    @Timeout
    void fire(Timer timer) {
        try {
            if (RECOVERY.equals(timer.getInfo())) {
                runs.restartInterrupted();
            }
            else {
                runs.start(Optional.empty());
            }
        }
        catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The retention purge could not be started (" + timer.getInfo() + ")", e);
        }
    }

    /** The daily time, or empty for "off". */
    static Optional<LocalTime> dailyAt(String value) {
        String trimmed = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (trimmed.isEmpty() || trimmed.equals("off")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalTime.parse(trimmed));
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException("kaiwa.retention.purge-time must be HH:mm (UTC) or off, got " + value, e);
        }
    }
}
