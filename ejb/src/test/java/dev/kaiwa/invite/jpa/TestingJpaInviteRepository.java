package dev.kaiwa.invite.jpa;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;

/** Builds a {@link JpaInviteRepository} outside the container, on an EntityManager the test controls. */
public final class TestingJpaInviteRepository {
    private TestingJpaInviteRepository() {
    }

    public static JpaInviteRepository create(EntityManager entityManager) {
        JpaInviteRepository repository = new JpaInviteRepository();
        repository.entityManager = requireNonNull(entityManager, "entityManager is null");
        return repository;
    }
}
