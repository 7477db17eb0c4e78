package dev.kaiwa.call.jpa;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallEvent;
import dev.kaiwa.call.CallFilter;
import dev.kaiwa.call.CallRepository;
import dev.kaiwa.call.CallStatus;
import dev.kaiwa.participant.ParticipantStatus;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.Cursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link CallRepository} on JPA. */
@ApplicationScoped
public class JpaCallRepository implements CallRepository {
    /** Participants in these statuses no longer see the call, as in {@link dev.kaiwa.call.CallPermissions#mayView()}. */
    private static final List<ParticipantStatus> GONE = List.of(ParticipantStatus.REMOVED, ParticipantStatus.DENIED);

    @PersistenceContext(unitName = "kaiwa")
    EntityManager entityManager;

    @Override
    public void add(Call call) {
        entityManager.persist(call);
    }

    @Override
    public Optional<Call> find(String id) {
        return Optional.ofNullable(entityManager.find(Call.class, id));
    }

    @Override
    public Optional<Call> findForUpdate(String id) {
        // A row added earlier in this transaction is found by the locking query only once written.
        entityManager.flush();
        return Optional.ofNullable(entityManager.find(Call.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public Optional<Call> findByIdempotencyKey(String createdBy, String idempotencyKey) {
        return entityManager.createQuery(
                        "SELECT c FROM Call c WHERE c.createdBy = :createdBy AND c.idempotencyKey = :key", Call.class)
                .setParameter("createdBy", createdBy)
                .setParameter("key", idempotencyKey)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Call> list(Caller caller, CallFilter filter, Optional<Cursor> after, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT c FROM Call c WHERE ");
        if (caller.seesWholeOrganization()) {
            jpql.append("(c.organization = :organization OR c.createdBy = :subject OR EXISTS (SELECT p FROM Participant p "
                    + "WHERE p.callId = c.id AND p.subject = :subject AND p.status NOT IN :gone))");
        }
        else {
            jpql.append("(c.createdBy = :subject OR EXISTS (SELECT p FROM Participant p "
                    + "WHERE p.callId = c.id AND p.subject = :subject AND p.status NOT IN :gone))");
        }
        filter.status().ifPresent(status -> jpql.append(" AND c.status = :status"));
        filter.externalRef().ifPresent(ref -> jpql.append(" AND c.externalRef = :externalRef"));
        filter.from().ifPresent(from -> jpql.append(" AND c.scheduledAt >= :from"));
        filter.to().ifPresent(to -> jpql.append(" AND c.scheduledAt < :to"));
        after.ifPresent(cursor -> jpql.append(
                " AND (c.createdAt < :cursorAt OR (c.createdAt = :cursorAt AND c.id < :cursorId))"));
        jpql.append(" ORDER BY c.createdAt DESC, c.id DESC");

        TypedQuery<Call> query = entityManager.createQuery(jpql.toString(), Call.class)
                .setParameter("subject", caller.subject())
                .setParameter("gone", GONE);
        if (caller.seesWholeOrganization()) {
            query.setParameter("organization", caller.organization());
        }
        filter.status().ifPresent(status -> query.setParameter("status", status));
        filter.externalRef().ifPresent(ref -> query.setParameter("externalRef", ref));
        filter.from().ifPresent(from -> query.setParameter("from", from));
        filter.to().ifPresent(to -> query.setParameter("to", to));
        after.ifPresent(cursor -> {
            query.setParameter("cursorAt", cursor.at());
            query.setParameter("cursorId", cursor.id());
        });
        return query.setMaxResults(limit).getResultList();
    }

    @Override
    public List<Call> findUnjoinedScheduledBefore(Instant cutoff, int limit) {
        return entityManager.createQuery("SELECT c FROM Call c WHERE c.status = :scheduled AND c.scheduledAt < :cutoff "
                        + "AND NOT EXISTS (SELECT p FROM Participant p WHERE p.callId = c.id AND p.joinedAt IS NOT NULL) "
                        + "ORDER BY c.scheduledAt", Call.class)
                .setParameter("scheduled", CallStatus.SCHEDULED)
                .setParameter("cutoff", cutoff)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public long countActive() {
        return entityManager.createQuery("SELECT COUNT(c) FROM Call c WHERE c.status IN :statuses", Long.class)
                .setParameter("statuses", List.of(CallStatus.IN_PROGRESS, CallStatus.PAUSED))
                .getSingleResult();
    }

    @Override
    public void addEvent(CallEvent event) {
        entityManager.persist(event);
    }

    @Override
    public List<CallEvent> events(String callId, Optional<Cursor> after, int limit) {
        String jpql = "SELECT e FROM CallEvent e WHERE e.callId = :callId"
                + (after.isPresent() ? " AND (e.occurredAt > :cursorAt OR (e.occurredAt = :cursorAt AND e.id > :cursorId))" : "")
                + " ORDER BY e.occurredAt, e.id";
        TypedQuery<CallEvent> query = entityManager.createQuery(jpql, CallEvent.class).setParameter("callId", callId);
        after.ifPresent(cursor -> {
            query.setParameter("cursorAt", cursor.at());
            query.setParameter("cursorId", cursor.id());
        });
        return query.setMaxResults(limit).getResultList();
    }
}
