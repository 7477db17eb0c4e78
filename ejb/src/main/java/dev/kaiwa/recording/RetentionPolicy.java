package dev.kaiwa.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long recordings are kept: the organization default ({@code kaiwa.retention.default-days}), or a call's
 * own retention clamped to the configured bounds ({@code kaiwa.retention.min-days} to
 * {@code kaiwa.retention.max-days}). A recording expires that many days after it became READY.
 */
public record RetentionPolicy(int defaultDays, int minDays, int maxDays) {
    public RetentionPolicy {
        if (minDays < 1 || maxDays < minDays || defaultDays < minDays || defaultDays > maxDays) {
            throw new IllegalArgumentException("retention needs 1 <= min-days <= default-days <= max-days, got "
                    + minDays + " <= " + defaultDays + " <= " + maxDays);
        }
    }

    /** The days a call's recordings are kept. */
    public int days(Optional<Integer> callRetentionDays) {
        int days = callRetentionDays.orElse(defaultDays);
        return Math.max(minDays, Math.min(maxDays, days));
    }

    /** When a recording that became READY at {@code readyAt} expires. */
    public Instant expiresAt(Instant readyAt, Optional<Integer> callRetentionDays) {
        return readyAt.plus(Duration.ofDays(days(callRetentionDays)));
    }
}
