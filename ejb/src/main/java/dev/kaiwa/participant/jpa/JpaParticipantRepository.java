package dev.kaiwa.participant.jpa;

import dev.kaiwa.participant.Participant;
import dev.kaiwa.participant.ParticipantRepository;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.participant.ParticipantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@link ParticipantRepository} on JPA. */
@ApplicationScoped
public class JpaParticipantRepository implements ParticipantRepository {
    private static final List<ParticipantStatus> OCCUPYING = Arrays.stream(ParticipantStatus.values())
            .filter(ParticipantStatus::occupiesPlace)
            .toList();
    private static final List<ParticipantStatus> GONE = List.of(ParticipantStatus.REMOVED, ParticipantStatus.DENIED);

    @PersistenceContext(unitName = "kaiwa")
    EntityManager entityManager;

    @Override
    public void add(Participant participant) {
        entityManager.persist(participant);
    }

    @Override
    public Optional<Participant> find(String callId, String participantId) {
        return Optional.ofNullable(entityManager.find(Participant.class, participantId))
                .filter(participant -> participant.callId().equals(callId));
    }

    @Override
    public Optional<Participant> findBySubject(String callId, String subject) {
        return entityManager.createQuery("SELECT p FROM Participant p WHERE p.callId = :callId AND p.subject = :subject "
                        + "ORDER BY p.createdAt", Participant.class)
                .setParameter("callId", callId)
                .setParameter("subject", subject)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<Participant> findByInvite(String callId, String inviteId) {
        return entityManager.createQuery("SELECT p FROM Participant p WHERE p.callId = :callId AND p.inviteId = :inviteId "
                        + "ORDER BY p.createdAt", Participant.class)
                .setParameter("callId", callId)
                .setParameter("inviteId", inviteId)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Participant> list(String callId, Optional<ParticipantStatus> status) {
        String jpql = "SELECT p FROM Participant p WHERE p.callId = :callId"
                + (status.isPresent() ? " AND p.status = :status" : "") + " ORDER BY p.createdAt, p.id";
        var query = entityManager.createQuery(jpql, Participant.class).setParameter("callId", callId);
        status.ifPresent(value -> query.setParameter("status", value));
        return query.getResultList();
    }

    @Override
    public long countOccupyingPlaces(String callId) {
        return entityManager.createQuery("SELECT COUNT(p) FROM Participant p WHERE p.callId = :callId "
                        + "AND p.status IN :statuses", Long.class)
                .setParameter("callId", callId)
                .setParameter("statuses", OCCUPYING)
                .getSingleResult();
    }

    @Override
    public long countHosts(String callId) {
        return entityManager.createQuery("SELECT COUNT(p) FROM Participant p WHERE p.callId = :callId "
                        + "AND p.role = :host AND p.status NOT IN :gone", Long.class)
                .setParameter("callId", callId)
                .setParameter("host", ParticipantRole.HOST)
                .setParameter("gone", GONE)
                .getSingleResult();
    }

    @Override
    public long countConnected() {
        return entityManager.createQuery("SELECT COUNT(p) FROM Participant p WHERE p.status = :connected", Long.class)
                .setParameter("connected", ParticipantStatus.CONNECTED)
                .getSingleResult();
    }
}
