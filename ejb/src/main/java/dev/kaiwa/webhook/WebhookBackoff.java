package dev.kaiwa.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed delivery is tried again: after the n-th failed attempt the delay is {@code initial × 2^(n−1)},
 * at most {@code max}, and randomized to between half and all of that ("equal jitter"), so receivers that
 * come back after an outage are not hit by every retry at the same instant. After {@code maxAttempts}
 * attempts there is no next one.
 */
public record WebhookBackoff(int maxAttempts, Duration initial, Duration max) {
    public WebhookBackoff {
        requireNonNull(initial, "initial is null");
        requireNonNull(max, "max is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial must be positive: " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max " + max + " is shorter than initial " + initial);
        }
    }

    /**
     * The delay before the next attempt after {@code attemptsMade} failed ones, with {@code random} from
     * [0, 1) choosing within the jitter.
     */
    public Duration delay(int attemptsMade, double random) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("attemptsMade must be at least 1: " + attemptsMade);
        }
        if (!(random >= 0 && random < 1)) {
            throw new IllegalArgumentException("random must be in [0, 1): " + random);
        }
        Duration base = max;
        // Doubling past 2^30 overshoots any sensible max; stop there instead of overflowing.
        int doublings = Math.min(attemptsMade - 1, 30);
        long initialNanos = initial.toNanos();
        if (initialNanos <= max.toNanos() >> doublings) {
            base = Duration.ofNanos(initialNanos << doublings);
        }
        long half = base.toNanos() / 2;
        return Duration.ofNanos(half + (long) ((base.toNanos() - half) * random));
    }

    /** When to try again after {@code attemptsMade} failed attempts at {@code now}; empty once they are used up. */
    public Optional<Instant> nextAttempt(Instant now, int attemptsMade, double random) {
        requireNonNull(now, "now is null");
        if (attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(now.plus(delay(attemptsMade, random)));
    }
}
