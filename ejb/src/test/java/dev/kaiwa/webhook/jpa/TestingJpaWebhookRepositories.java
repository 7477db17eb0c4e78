package dev.kaiwa.webhook.jpa;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;

/** Builds the webhook repositories outside the container, on an EntityManager the test controls. */
public final class TestingJpaWebhookRepositories {
    private TestingJpaWebhookRepositories() {
    }

    public static JpaWebhookRepository webhooks(EntityManager entityManager) {
        JpaWebhookRepository repository = new JpaWebhookRepository();
        repository.entityManager = requireNonNull(entityManager, "entityManager is null");
        return repository;
    }

    public static JpaWebhookDeliveryRepository deliveries(EntityManager entityManager) {
        JpaWebhookDeliveryRepository repository = new JpaWebhookDeliveryRepository();
        repository.entityManager = requireNonNull(entityManager, "entityManager is null");
        return repository;
    }
}
