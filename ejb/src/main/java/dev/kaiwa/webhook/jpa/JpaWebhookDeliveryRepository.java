package dev.kaiwa.webhook.jpa;

import dev.kaiwa.shared.Cursor;
import dev.kaiwa.webhook.DeliveryStatus;
import dev.kaiwa.webhook.WebhookAttempt;
import dev.kaiwa.webhook.WebhookDelivery;
import dev.kaiwa.webhook.WebhookDeliveryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link WebhookDeliveryRepository} on JPA. */
@ApplicationScoped
public class JpaWebhookDeliveryRepository implements WebhookDeliveryRepository {
    private static final List<DeliveryStatus> OPEN = List.of(DeliveryStatus.PENDING, DeliveryStatus.SENDING);
    private static final List<DeliveryStatus> FINISHED = List.of(DeliveryStatus.DELIVERED, DeliveryStatus.FAILED);

    @PersistenceContext(unitName = "kaiwa")
    EntityManager entityManager;

    @Override
    public void add(WebhookDelivery delivery) {
        entityManager.persist(delivery);
    }

    @Override
    public Optional<WebhookDelivery> find(String id) {
        return Optional.ofNullable(entityManager.find(WebhookDelivery.class, id));
    }

    @Override
    public Optional<WebhookDelivery> findForUpdate(String id) {
        entityManager.flush();
        return Optional.ofNullable(entityManager.find(WebhookDelivery.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public List<WebhookDelivery> list(String webhookId, Optional<DeliveryStatus> status, Optional<Cursor> after,
            int limit) {
        String jpql = "SELECT d FROM WebhookDelivery d WHERE d.webhookId = :webhookId"
                + (status.isPresent() ? " AND d.status = :status" : "")
                + (after.isPresent() ? " AND (d.createdAt < :cursorAt OR (d.createdAt = :cursorAt AND d.id < :cursorId))" : "")
                + " ORDER BY d.createdAt DESC, d.id DESC";
        TypedQuery<WebhookDelivery> query = entityManager.createQuery(jpql, WebhookDelivery.class)
                .setParameter("webhookId", webhookId);
        status.ifPresent(value -> query.setParameter("status", value));
        after.ifPresent(cursor -> {
            query.setParameter("cursorAt", cursor.at());
            query.setParameter("cursorId", cursor.id());
        });
        return query.setMaxResults(limit).getResultList();
    }

    @Override
    public void addAttempt(WebhookAttempt attempt) {
        entityManager.persist(attempt);
    }

    @Override
    public List<WebhookAttempt> attempts(String deliveryId) {
        return entityManager.createQuery("SELECT a FROM WebhookAttempt a WHERE a.deliveryId = :deliveryId "
                        + "ORDER BY a.attempt", WebhookAttempt.class)
                .setParameter("deliveryId", deliveryId)
                .getResultList();
    }

    @Override
    public List<WebhookDelivery> claimDue(String token, Instant now, Instant leaseEnd, int limit) {
        List<String> due = entityManager.createQuery("SELECT d.id FROM WebhookDelivery d, Webhook w "
                        + "WHERE w.id = d.webhookId AND w.active = :active AND d.status IN :open "
                        + "AND d.nextAttemptAt <= :now ORDER BY d.nextAttemptAt, d.id", String.class)
                .setParameter("open", OPEN)
                .setParameter("active", true)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        // The conditions are checked again by the update itself: a row another worker claimed meanwhile no longer
        // matches (the database re-reads a row it had to wait for), so each row goes to one worker only.
        entityManager.createQuery("UPDATE WebhookDelivery d SET d.status = :sending, d.claimToken = :token, "
                        + "d.nextAttemptAt = :leaseEnd, d.version = d.version + 1 "
                        + "WHERE d.id IN :ids AND d.status IN :open AND d.nextAttemptAt <= :now")
                .setParameter("sending", DeliveryStatus.SENDING)
                .setParameter("token", token)
                .setParameter("leaseEnd", leaseEnd)
                .setParameter("ids", due)
                .setParameter("open", OPEN)
                .setParameter("now", now)
                .executeUpdate();
        List<WebhookDelivery> claimed = entityManager.createQuery("SELECT d FROM WebhookDelivery d "
                        + "WHERE d.id IN :ids AND d.claimToken = :token", WebhookDelivery.class)
                .setParameter("ids", due)
                .setParameter("token", token)
                .getResultList();
        // All now share the lease's end; keep the order in which they were due.
        return claimed.stream().sorted(Comparator.comparingInt(delivery -> due.indexOf(delivery.id()))).toList();
    }

    @Override
    public int removeFinishedBefore(Instant cutoff, int limit) {
        List<String> ids = entityManager.createQuery("SELECT d.id FROM WebhookDelivery d WHERE d.status IN :finished "
                        + "AND d.createdAt < :cutoff ORDER BY d.createdAt", String.class)
                .setParameter("finished", FINISHED)
                .setParameter("cutoff", cutoff)
                .setMaxResults(limit)
                .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        entityManager.createQuery("DELETE FROM WebhookAttempt a WHERE a.deliveryId IN :ids")
                .setParameter("ids", ids)
                .executeUpdate();
        return entityManager.createQuery("DELETE FROM WebhookDelivery d WHERE d.id IN :ids")
                .setParameter("ids", ids)
                .executeUpdate();
    }

    @Override
    public void removeOfWebhook(String webhookId) {
        entityManager.createQuery("DELETE FROM WebhookAttempt a WHERE a.deliveryId IN "
                        + "(SELECT d.id FROM WebhookDelivery d WHERE d.webhookId = :webhookId)")
                .setParameter("webhookId", webhookId)
                .executeUpdate();
        entityManager.createQuery("DELETE FROM WebhookDelivery d WHERE d.webhookId = :webhookId")
                .setParameter("webhookId", webhookId)
                .executeUpdate();
    }
}
