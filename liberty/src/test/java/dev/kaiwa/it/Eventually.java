package dev.kaiwa.it;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls for something the server does in the background (sweeps, configuration changes). */
public final class Eventually {
    private static final Duration PAUSE = Duration.ofMillis(250);

    private Eventually() {
    }

    /**
     * Reads {@code probe} until {@code done} holds or {@code timeout} passes; returns the value that
     * satisfied it, or fails with the last value seen.
     */
    public static <T> T await(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        return await(what, timeout, PAUSE, probe, done);
    }

    public static <T> T await(String what, Duration timeout, Duration pause, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(timeout);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Waited " + timeout.toSeconds() + " s for " + what + "; last seen: " + last);
            }
            sleep(pause);
            last = probe.get();
        }
        return last;
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
