package dev.kaiwa.participant;

import java.util.List;
import java.util.Optional;

/** Stored participants. */
public interface ParticipantRepository {
    void add(Participant participant);

    Optional<Participant> find(String callId, String participantId);

    Optional<Participant> findBySubject(String callId, String subject);

    Optional<Participant> findByInvite(String callId, String inviteId);

    List<Participant> list(String callId, Optional<ParticipantStatus> status);

    /** Participants occupying a place in the call (see {@link ParticipantStatus#occupiesPlace()}). */
    long countOccupyingPlaces(String callId);

    long countHosts(String callId);

    long countConnected();
}
