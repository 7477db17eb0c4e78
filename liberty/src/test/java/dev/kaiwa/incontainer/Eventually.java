package dev.kaiwa.incontainer;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for something a background task (the sweep timer) does. */
final class Eventually {
    private static final Duration POLL = Duration.ofMillis(200);

    private Eventually() {
    }

    /** Returns once {@code condition} holds; fails with {@code description} after {@code timeout}. */
    static void await(String description, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + timeout + ": " + description);
            }
            try {
                Thread.sleep(POLL.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting: " + description, e);
            }
        }
    }
}
