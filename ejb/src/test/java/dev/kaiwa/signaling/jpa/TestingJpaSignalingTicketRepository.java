package dev.kaiwa.signaling.jpa;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;

/** Builds a {@link JpaSignalingTicketRepository} outside the container, on an EntityManager the test controls. */
public final class TestingJpaSignalingTicketRepository {
    private TestingJpaSignalingTicketRepository() {
    }

    public static JpaSignalingTicketRepository create(EntityManager entityManager) {
        JpaSignalingTicketRepository repository = new JpaSignalingTicketRepository();
        repository.entityManager = requireNonNull(entityManager, "entityManager is null");
        return repository;
    }
}
