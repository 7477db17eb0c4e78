package dev.kaiwa.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/** The one source of "now", so rules about time can be tested with a fixed clock. */
@ApplicationScoped
public class ClockProducer {
    /** Ticks in microseconds: the precision both databases store, so a stored instant reads back equal. */
    private static final Clock UTC_MICROS = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

    @Produces
    public Clock clock() {
        return UTC_MICROS;
    }
}
