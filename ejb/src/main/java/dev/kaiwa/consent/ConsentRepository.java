package dev.kaiwa.consent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The consent ledger: rows are added, never changed. */
public interface ConsentRepository {
    void add(Consent consent);

    /** The participant's current decision for the purpose (its latest row). */
    Optional<Consent> latest(String participantId, ConsentPurpose purpose);

    /** The next position in the participant's ledger for the purpose (1 for the first decision). */
    long nextSeq(String participantId, ConsentPurpose purpose);

    /** The ledger of a call, or of one participant in it when {@code participantId} is set; oldest first. */
    List<Consent> list(String callId, String participantId);

    /** Participant id → current decision (granted or not) for the purpose, for those who decided. */
    Map<String, Boolean> current(String callId, ConsentPurpose purpose);

    /** Every row of the participants with these ids, oldest first (for data-subject exports). */
    List<Consent> ofParticipants(List<String> participantIds);
}
