package dev.kaiwa.audit;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.audit.jpa.TestingJpaAuditRepository;
import jakarta.persistence.EntityManager;
import java.time.Clock;

/** Builds the audit trail outside the container, with what CDI would inject. */
public final class TestingAuditServices {
    private TestingAuditServices() {
    }

    /** The audit trail on JPA over {@code entityManager}, for a request from {@code origin}. */
    public static AuditTrail auditTrail(EntityManager entityManager, RequestOrigin origin, Clock clock) {
        return auditTrail(TestingJpaAuditRepository.create(entityManager), origin, clock);
    }

    public static AuditTrail auditTrail(AuditRepository entries, RequestOrigin origin, Clock clock) {
        AuditTrail trail = new AuditTrail();
        trail.entries = requireNonNull(entries, "entries is null");
        trail.origin = requireNonNull(origin, "origin is null");
        trail.clock = requireNonNull(clock, "clock is null");
        return trail;
    }
}
