package dev.kaiwa.shared;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it, so rules about time (grace periods, expiry,
 * durations) can be checked at exact instants. Like the production clock it is in UTC.
 */
public final class FakeClock extends Clock {
    private Instant now;

    public FakeClock(Instant start) {
        this.now = requireNonNull(start, "start is null");
    }

    /** Moves time forward (or back, for a negative amount) and returns the new now. */
    public Instant advance(Duration amount) {
        now = now.plus(requireNonNull(amount, "amount is null"));
        return now;
    }

    public void set(Instant instant) {
        now = requireNonNull(instant, "instant is null");
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new AssertionError("the code under test changed the clock's zone; Kaiwa works in UTC only");
    }
}
