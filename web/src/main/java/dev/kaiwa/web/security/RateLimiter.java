package dev.kaiwa.web.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-caller token buckets for the endpoints that mint credentials (join, invite creation, dev
 * tokens): {@code kaiwa.rate-limit.per-minute} requests a minute per caller and action, refilled
 * smoothly. Buckets live in this node's memory; the table is cleared when it grows past a bound so
 * many one-off callers cannot exhaust memory.
 */
@ApplicationScoped
public class RateLimiter {
    private static final int MAX_BUCKETS = 100_000;

    @Inject
    @ConfigProperty(name = "kaiwa.rate-limit.per-minute", defaultValue = "60")
    int perMinute;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes one request from the caller's bucket for the action, or throws with the time to wait. */
    public void acquire(String action, String caller) {
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(action + '|' + caller, key -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            throw new RateLimitExceededException(action, seconds);
        }
    }
}
