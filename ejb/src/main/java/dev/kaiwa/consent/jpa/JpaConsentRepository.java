package dev.kaiwa.consent.jpa;

import dev.kaiwa.consent.Consent;
import dev.kaiwa.consent.ConsentPurpose;
import dev.kaiwa.consent.ConsentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ConsentRepository} on JPA. */
@ApplicationScoped
public class JpaConsentRepository implements ConsentRepository {
    @PersistenceContext(unitName = "kaiwa")
    EntityManager entityManager;

    @Override
    public void add(Consent consent) {
        entityManager.persist(consent);
    }

    @Override
    public Optional<Consent> latest(String participantId, ConsentPurpose purpose) {
        return entityManager.createQuery("SELECT c FROM Consent c WHERE c.participantId = :participantId "
                        + "AND c.purpose = :purpose ORDER BY c.seq DESC", Consent.class)
                .setParameter("participantId", participantId)
                .setParameter("purpose", purpose)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    @Override
    public long nextSeq(String participantId, ConsentPurpose purpose) {
        Long max = entityManager.createQuery("SELECT MAX(c.seq) FROM Consent c WHERE c.participantId = :participantId "
                        + "AND c.purpose = :purpose", Long.class)
                .setParameter("participantId", participantId)
                .setParameter("purpose", purpose)
                .getSingleResult();
        return max == null ? 1 : max + 1;
    }

    @Override
    public List<Consent> list(String callId, String participantId) {
        String filter = participantId == null ? "" : " AND c.participantId = :participantId";
        var query = entityManager.createQuery("SELECT c FROM Consent c WHERE c.callId = :callId" + filter
                        + " ORDER BY c.decidedAt, c.participantId, c.seq", Consent.class)
                .setParameter("callId", callId);
        if (participantId != null) {
            query.setParameter("participantId", participantId);
        }
        return query.getResultList();
    }

    @Override
    public Map<String, Boolean> current(String callId, ConsentPurpose purpose) {
        Map<String, Boolean> current = new HashMap<>();
        entityManager.createQuery("SELECT c FROM Consent c WHERE c.callId = :callId AND c.purpose = :purpose "
                        + "ORDER BY c.seq", Consent.class)
                .setParameter("callId", callId)
                .setParameter("purpose", purpose)
                .getResultList()
                .forEach(consent -> current.put(consent.participantId(), consent.granted()));
        return current;
    }

    @Override
    public List<Consent> ofParticipants(List<String> participantIds) {
        if (participantIds.isEmpty()) {
            return List.of();
        }
        return entityManager.createQuery("SELECT c FROM Consent c WHERE c.participantId IN :ids "
                        + "ORDER BY c.decidedAt, c.seq", Consent.class)
                .setParameter("ids", participantIds)
                .getResultList();
    }
}
