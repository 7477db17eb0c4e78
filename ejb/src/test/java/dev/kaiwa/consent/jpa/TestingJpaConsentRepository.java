package dev.kaiwa.consent.jpa;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;

/** Builds a {@link JpaConsentRepository} outside the container, on an EntityManager the test controls. */
public final class TestingJpaConsentRepository {
    private TestingJpaConsentRepository() {
    }

    public static JpaConsentRepository create(EntityManager entityManager) {
        JpaConsentRepository repository = new JpaConsentRepository();
        repository.entityManager = requireNonNull(entityManager, "entityManager is null");
        return repository;
    }
}
