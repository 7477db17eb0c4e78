package dev.kaiwa.audit.jpa;

import dev.kaiwa.audit.AuditEntry;
import dev.kaiwa.audit.AuditFilter;
import dev.kaiwa.audit.AuditHead;
import dev.kaiwa.audit.AuditRepository;
import dev.kaiwa.audit.ChainHead;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

/** {@link AuditRepository} on JPA. */
@ApplicationScoped
public class JpaAuditRepository implements AuditRepository {
    @PersistenceContext(unitName = "kaiwa")
    EntityManager entityManager;

    @Override
    public AuditHead lockHead() {
        // Also keeps a head already locked and moved in this transaction from being read back stale.
        entityManager.flush();
        AuditHead head = entityManager.find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("kw_audit_head has no row " + AuditHead.ID + "; the migrations create it");
        }
        return head;
    }

    @Override
    public ChainHead head() {
        // A query, not find: a head already in the persistence context would be answered from memory.
        Object[] head = entityManager.createQuery("SELECT h.sequence, h.entryHash FROM AuditHead h WHERE h.id = :id",
                        Object[].class)
                .setParameter("id", AuditHead.ID)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("kw_audit_head has no row " + AuditHead.ID
                        + "; the migrations create it"));
        return new ChainHead((Long) head[0], (String) head[1]);
    }

    @Override
    public void append(AuditEntry entry) {
        entityManager.persist(entry);
    }

    @Override
    public List<AuditEntry> list(String organization, AuditFilter filter, Optional<Long> beforeSequence, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT e FROM AuditEntry e WHERE e.organization = :organization");
        filter.action().ifPresent(action -> jpql.append(" AND e.action = :action"));
        filter.resourceType().ifPresent(type -> jpql.append(" AND e.resourceType = :resourceType"));
        filter.resourceId().ifPresent(id -> jpql.append(" AND e.resourceId = :resourceId"));
        filter.actor().ifPresent(actor -> jpql.append(" AND e.actorId = :actor"));
        filter.from().ifPresent(from -> jpql.append(" AND e.occurredAt >= :from"));
        filter.to().ifPresent(to -> jpql.append(" AND e.occurredAt < :to"));
        beforeSequence.ifPresent(sequence -> jpql.append(" AND e.sequence < :before"));
        jpql.append(" ORDER BY e.sequence DESC");

        TypedQuery<AuditEntry> query = entityManager.createQuery(jpql.toString(), AuditEntry.class)
                .setParameter("organization", organization);
        filter.action().ifPresent(action -> query.setParameter("action", action.name()));
        filter.resourceType().ifPresent(type -> query.setParameter("resourceType", type.name()));
        filter.resourceId().ifPresent(id -> query.setParameter("resourceId", id));
        filter.actor().ifPresent(actor -> query.setParameter("actor", actor));
        filter.from().ifPresent(from -> query.setParameter("from", from));
        filter.to().ifPresent(to -> query.setParameter("to", to));
        beforeSequence.ifPresent(sequence -> query.setParameter("before", sequence));
        return query.setMaxResults(limit).getResultList();
    }

    @Override
    public List<AuditEntry> chain(long afterSequence, long upToSequence, int limit) {
        List<AuditEntry> entries = entityManager.createQuery("SELECT e FROM AuditEntry e WHERE e.sequence > :after "
                        + "AND e.sequence <= :upTo ORDER BY e.sequence", AuditEntry.class)
                .setParameter("after", afterSequence)
                .setParameter("upTo", upToSequence)
                .setMaxResults(limit)
                .getResultList();
        entries.forEach(entityManager::detach);
        return entries;
    }

    @Override
    public long count(long upToSequence) {
        return entityManager.createQuery("SELECT COUNT(e) FROM AuditEntry e WHERE e.sequence <= :upTo", Long.class)
                .setParameter("upTo", upToSequence)
                .getSingleResult();
    }

    @Override
    public long highestSequence() {
        Long highest = entityManager.createQuery("SELECT MAX(e.sequence) FROM AuditEntry e", Long.class)
                .getSingleResult();
        return highest == null ? 0 : highest;
    }
}
