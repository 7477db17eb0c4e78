package dev.kaiwa.call;

import dev.kaiwa.participant.ParticipantRepository;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * The call metrics on /metrics: calls created (counter), active calls and connected participants
 * (gauges). Gauges show counts refreshed by the periodic sweep, so a scrape never queries the database.
 */
@ApplicationScoped
public class CallStatistics {
    @Inject
    MetricRegistry registry;

    @Inject
    CallRepository calls;

    @Inject
    ParticipantRepository participants;

    private final AtomicLong activeCalls = new AtomicLong();
    private final AtomicLong connectedParticipants = new AtomicLong();
    private Counter callsCreated;

    @PostConstruct
    void register() {
        callsCreated = registry.counter(Metadata.builder().withName("kaiwa_calls_created_total")
                .withDescription("Calls created since the server started").build());
        registry.gauge(Metadata.builder().withName("kaiwa_calls_active").withUnit(MetricUnits.NONE)
                .withDescription("Calls in progress or paused").build(), activeCalls, AtomicLong::get);
        registry.gauge(Metadata.builder().withName("kaiwa_participants_connected").withUnit(MetricUnits.NONE)
                .withDescription("Participants connected to a call").build(), connectedParticipants, AtomicLong::get);
    }

    public void callCreated() {
        callsCreated.inc();
    }

    /** Re-reads the counts from the database; called inside a transaction. */
    public void refresh() {
        activeCalls.set(calls.countActive());
        connectedParticipants.set(participants.countConnected());
    }
}
