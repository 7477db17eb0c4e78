package dev.kaiwa.webhook.jpa;

import dev.kaiwa.shared.Cursor;
import dev.kaiwa.webhook.Webhook;
import dev.kaiwa.webhook.WebhookRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

/** {@link WebhookRepository} on JPA. */
@ApplicationScoped
public class JpaWebhookRepository implements WebhookRepository {
    @PersistenceContext(unitName = "kaiwa")
    EntityManager entityManager;

    @Override
    public void add(Webhook webhook) {
        entityManager.persist(webhook);
    }

    @Override
    public Optional<Webhook> find(String id) {
        return Optional.ofNullable(entityManager.find(Webhook.class, id));
    }

    @Override
    public List<Webhook> list(String organization, Optional<Cursor> after, int limit) {
        String jpql = "SELECT w FROM Webhook w WHERE w.organization = :organization"
                + (after.isPresent() ? " AND (w.createdAt < :cursorAt OR (w.createdAt = :cursorAt AND w.id < :cursorId))" : "")
                + " ORDER BY w.createdAt DESC, w.id DESC";
        TypedQuery<Webhook> query = entityManager.createQuery(jpql, Webhook.class)
                .setParameter("organization", organization);
        after.ifPresent(cursor -> {
            query.setParameter("cursorAt", cursor.at());
            query.setParameter("cursorId", cursor.id());
        });
        return query.setMaxResults(limit).getResultList();
    }

    @Override
    public List<Webhook> active(String organization) {
        return entityManager.createQuery("SELECT w FROM Webhook w WHERE w.organization = :organization AND w.active = :active "
                        + "ORDER BY w.createdAt, w.id", Webhook.class)
                .setParameter("organization", organization)
                .setParameter("active", true)
                .getResultList();
    }

    @Override
    public List<Webhook> findAll(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return entityManager.createQuery("SELECT w FROM Webhook w WHERE w.id IN :ids", Webhook.class)
                .setParameter("ids", ids)
                .getResultList();
    }

    @Override
    public void remove(Webhook webhook) {
        entityManager.remove(webhook);
    }
}
