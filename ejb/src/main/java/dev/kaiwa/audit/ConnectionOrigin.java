package dev.kaiwa.audit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where the work on this thread comes from when no HTTP request carries it: a message on a participant's signaling
 * socket. WebSocket handshakes do not tell the application the peer's address, so a socket stands for the
 * address that requested its join ticket over REST (the client, or the one named by trusted proxies).
 */
public final class ConnectionOrigin {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ConnectionOrigin() {
    }

    /** Runs {@code action} with {@code clientAddress} (may be null: unknown) as the origin of what it records. */
    public static void run(String clientAddress, Runnable action) {
        requireNonNull(action, "action is null");
        String previous = CURRENT.get();
        CURRENT.set(clientAddress);
        try {
            action.run();
        }
        finally {
            if (previous == null) {
                CURRENT.remove();
            }
            else {
                CURRENT.set(previous);
            }
        }
    }

    /** The origin set by {@link #run} on this thread, if any. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
