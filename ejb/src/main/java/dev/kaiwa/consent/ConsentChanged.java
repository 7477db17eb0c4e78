package dev.kaiwa.consent;

import static java.util.Objects.requireNonNull;

/** A participant granted or withdrew a purpose; fired inside the transaction that recorded it. */
public record ConsentChanged(String callId, String participantId, ConsentPurpose purpose, boolean granted) {
    public ConsentChanged {
        requireNonNull(callId, "callId is null");
        requireNonNull(participantId, "participantId is null");
        requireNonNull(purpose, "purpose is null");
    }
}
