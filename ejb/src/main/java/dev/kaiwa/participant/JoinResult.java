package dev.kaiwa.participant;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What a join hands out: the participant, a single-use signaling ticket, and the participant token
 * that authorizes this participant's call-scoped REST calls.
 */
public record JoinResult(Participant participant, String ticket, Instant ticketExpiresAt, String participantToken,
        Instant participantTokenExpiresAt) {
    public JoinResult {
        requireNonNull(participant, "participant is null");
        requireNonNull(ticket, "ticket is null");
        requireNonNull(ticketExpiresAt, "ticketExpiresAt is null");
        requireNonNull(participantToken, "participantToken is null");
        requireNonNull(participantTokenExpiresAt, "participantTokenExpiresAt is null");
    }
}
