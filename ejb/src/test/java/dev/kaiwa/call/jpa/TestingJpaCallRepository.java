package dev.kaiwa.call.jpa;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;

/** Builds a {@link JpaCallRepository} outside the container, on an EntityManager the test controls. */
public final class TestingJpaCallRepository {
    private TestingJpaCallRepository() {
    }

    public static JpaCallRepository create(EntityManager entityManager) {
        JpaCallRepository repository = new JpaCallRepository();
        repository.entityManager = requireNonNull(entityManager, "entityManager is null");
        return repository;
    }
}
