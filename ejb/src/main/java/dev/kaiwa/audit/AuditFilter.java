package dev.kaiwa.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * Optional conditions on a list of the audit trail: the action, the resource (type and/or id), the actor's
 * id (an SSO subject or a participant id) and a window on the time ({@code from} inclusive, {@code to}
 * exclusive).
 */
public record AuditFilter(Optional<AuditAction> action, Optional<AuditResourceType> resourceType,
        Optional<String> resourceId, Optional<String> actor, Optional<Instant> from, Optional<Instant> to) {
    public static AuditFilter none() {
        return new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
