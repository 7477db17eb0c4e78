package dev.kaiwa.signaling.jpa;

import dev.kaiwa.signaling.SignalingTicket;
import dev.kaiwa.signaling.SignalingTicketRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link SignalingTicketRepository} on JPA. */
@ApplicationScoped
public class JpaSignalingTicketRepository implements SignalingTicketRepository {
    @PersistenceContext(unitName = "kaiwa")
    EntityManager entityManager;

    @Override
    public void add(SignalingTicket ticket) {
        entityManager.persist(ticket);
    }

    @Override
    public Optional<SignalingTicket> findForUpdate(String ticketHash) {
        // A row added earlier in this transaction is found by the locking query only once written.
        entityManager.flush();
        return Optional.ofNullable(entityManager.find(SignalingTicket.class, ticketHash, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public List<SignalingTicket> usable(String participantId, Instant now) {
        return entityManager.createQuery("SELECT t FROM SignalingTicket t WHERE t.participantId = :participantId "
                        + "AND t.usedAt IS NULL AND t.revokedAt IS NULL AND t.expiresAt > :now", SignalingTicket.class)
                .setParameter("participantId", participantId)
                .setParameter("now", now)
                .getResultList();
    }

    @Override
    public List<SignalingTicket> expiredUnused(Instant now, int limit) {
        return entityManager.createQuery("SELECT t FROM SignalingTicket t WHERE t.usedAt IS NULL AND t.revokedAt IS NULL "
                        + "AND t.expiresAt <= :now ORDER BY t.expiresAt", SignalingTicket.class)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public int revokeAllOfCall(String callId, Instant now) {
        return entityManager.createQuery("UPDATE SignalingTicket t SET t.revokedAt = :now, t.clientAddress = NULL "
                        + "WHERE t.callId = :callId AND t.usedAt IS NULL AND t.revokedAt IS NULL")
                .setParameter("now", now)
                .setParameter("callId", callId)
                .executeUpdate();
    }
}
