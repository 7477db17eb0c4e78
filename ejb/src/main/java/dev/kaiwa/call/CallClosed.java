package dev.kaiwa.call;

import static java.util.Objects.requireNonNull;

/** A call reached a terminal status (ended, cancelled, missed, failed); fired after the change is made. */
public record CallClosed(String callId, CallStatus status) {
    public CallClosed {
        requireNonNull(callId, "callId is null");
        requireNonNull(status, "status is null");
    }
}
