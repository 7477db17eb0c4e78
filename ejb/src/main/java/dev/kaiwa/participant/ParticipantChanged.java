package dev.kaiwa.participant;

import static java.util.Objects.requireNonNull;

/** A participant's role or media changed, or it was removed, outside signaling (through REST); fired after the change. */
public record ParticipantChanged(String callId, String participantId, boolean removed) {
    public ParticipantChanged {
        requireNonNull(callId, "callId is null");
        requireNonNull(participantId, "participantId is null");
    }
}
