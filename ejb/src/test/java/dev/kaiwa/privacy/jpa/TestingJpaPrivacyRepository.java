package dev.kaiwa.privacy.jpa;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;

/** Builds a {@link JpaPrivacyRepository} outside the container, on an EntityManager the test controls. */
public final class TestingJpaPrivacyRepository {
    private TestingJpaPrivacyRepository() {
    }

    public static JpaPrivacyRepository create(EntityManager entityManager) {
        JpaPrivacyRepository repository = new JpaPrivacyRepository();
        repository.entityManager = requireNonNull(entityManager, "entityManager is null");
        return repository;
    }
}
