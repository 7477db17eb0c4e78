package dev.kaiwa.signaling;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored signaling tickets (by the hash of the ticket). */
public interface SignalingTicketRepository {
    void add(SignalingTicket ticket);

    Optional<SignalingTicket> findForUpdate(String ticketHash);

    /** Tickets of the participant that can still be used at {@code now}. */
    List<SignalingTicket> usable(String participantId, Instant now);

    /** Tickets that expired unused and were not yet dealt with. */
    List<SignalingTicket> expiredUnused(Instant now, int limit);

    /** Revokes every ticket of the call not used yet; returns how many. */
    int revokeAllOfCall(String callId, Instant now);
}
