package dev.kaiwa.call;

import static java.util.Objects.requireNonNull;

/** A scheduled call began (by a person, or by its first join); fired inside the transaction that started it. */
public record CallStarted(String callId) {
    public CallStarted {
        requireNonNull(callId, "callId is null");
    }
}
