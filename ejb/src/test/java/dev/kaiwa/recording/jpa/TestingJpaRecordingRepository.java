package dev.kaiwa.recording.jpa;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;

/** Builds a {@link JpaRecordingRepository} outside the container, on an EntityManager the test controls. */
public final class TestingJpaRecordingRepository {
    private TestingJpaRecordingRepository() {
    }

    public static JpaRecordingRepository create(EntityManager entityManager) {
        JpaRecordingRepository repository = new JpaRecordingRepository();
        repository.entityManager = requireNonNull(entityManager, "entityManager is null");
        return repository;
    }
}
