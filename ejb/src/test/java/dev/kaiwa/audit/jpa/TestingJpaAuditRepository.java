package dev.kaiwa.audit.jpa;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;

/** Builds a {@link JpaAuditRepository} outside the container, on an EntityManager the test controls. */
public final class TestingJpaAuditRepository {
    private TestingJpaAuditRepository() {
    }

    public static JpaAuditRepository create(EntityManager entityManager) {
        JpaAuditRepository repository = new JpaAuditRepository();
        repository.entityManager = requireNonNull(entityManager, "entityManager is null");
        return repository;
    }
}
