package dev.kaiwa.participant.jpa;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;

/** Builds a {@link JpaParticipantRepository} outside the container, on an EntityManager the test controls. */
public final class TestingJpaParticipantRepository {
    private TestingJpaParticipantRepository() {
    }

    public static JpaParticipantRepository create(EntityManager entityManager) {
        JpaParticipantRepository repository = new JpaParticipantRepository();
        repository.entityManager = requireNonNull(entityManager, "entityManager is null");
        return repository;
    }
}
