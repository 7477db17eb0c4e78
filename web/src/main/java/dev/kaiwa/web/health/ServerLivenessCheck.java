package dev.kaiwa.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the JVM has memory headroom; a server that is out of heap should be restarted. */
@Liveness
@ApplicationScoped
public class ServerLivenessCheck implements HealthCheck {
    private static final double MAX_HEAP_USE = 0.95;

    @Override
    public HealthCheckResponse call() {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        double share = (double) used / runtime.maxMemory();
        return HealthCheckResponse.named("heap").status(share < MAX_HEAP_USE)
                .withData("usedBytes", used).withData("maxBytes", runtime.maxMemory()).build();
    }
}
